import { type KeyState } from '../../../domain/key/index.ts';
import { type RotationUnit } from '../../../projections/due-keys.ts';
/**
 * `KeyMetadata` as DescribeKey and CreateKey answer it (API reference §1.3, §5.1): the 3.x superset, which 1.2.0
 * ignores where it lacks fields. NextRotationDate and RotationInterval only while rotation is on or suspended.
 */
export declare const keyMetadata: (k: KeyState, unit?: RotationUnit) => Record<string, string>;
export declare const keyVersion: (keyId: string, v: {
    versionId: string;
    createdAt: string;
}) => Record<string, string>;
