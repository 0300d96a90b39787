import type { RotationUnit } from '../projections/due-keys.ts';
import type { KeyKind } from '../domain/values/key-spec.ts';
/** A KMS instance the deployment offers (docs/architecture.md §9): keys created in it take its kind. */
export interface KmsInstance {
    readonly instanceId: string;
    readonly accountId: string;
    readonly kind: Exclude<KeyKind, 'default'>;
    /** S-5.1 resource sharing: other main accounts that may create keys here (co-owned with the instance's owner). */
    readonly sharedWith?: readonly string[];
    /** S-5.4 access-management quota: other main accounts the instance's key policies may name. */
    readonly accessManagementQuota?: number;
}
/** Where this server stands: one region, its instances, and each account's default instance (S-1.2, §5.13). */
export interface Deployment {
    readonly region: string;
    readonly hostId: string;
    readonly instances: readonly KmsInstance[];
    readonly defaultInstanceOf: (accountId: string) => string | undefined;
    /** KMS_ROTATION_UNIT (tests and demos only): what a rotation interval's days count; NextRotationDate follows it. */
    readonly rotationUnit?: RotationUnit;
}
