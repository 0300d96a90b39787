import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../errors.ts';
export declare const DAY_SECONDS = 86400;
export declare const MIN_ROTATION_SECONDS: number;
export declare const MAX_ROTATION_SECONDS: number;
export declare const DEFAULT_KEY_ROTATION_SECONDS: number;
/**
 * Parses `integer[d|h|m|s]` (API reference §5.4) into seconds and checks S-4.2's 7–365 days.
 * The API's UpdateRotationPolicy allows up to 730 days; this project follows the seed everywhere (docs/architecture.md §4).
 */
export declare const parseRotationInterval: (text: string) => E.Either<KmsError, number>;
/** The API echoes intervals in seconds with an `s` suffix (`31536000s`). */
export declare const formatRotationInterval: (seconds: number) => string;
