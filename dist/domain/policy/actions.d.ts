export type KmsAction = `kms:${string}`;
export type ActionScope = 'key' | 'account';
interface Permission {
    readonly action: KmsAction;
    readonly scope: ActionScope;
}
/** The `kms:` permission an API action needs and whether it acts on a key or on the account. */
export declare const permissionOf: (apiAction: string) => Permission | undefined;
/** The permission name alone; undefined for ReEncrypt (two keys: use `reEncryptPermissions`) and unknown actions. */
export declare const kmsActionOf: (apiAction: string) => KmsAction | undefined;
export declare const reEncryptPermissions: {
    readonly source: "kms:ReEncryptFrom";
    readonly destination: "kms:ReEncryptTo";
};
/** Every API action with a single-key or account permission (ReEncrypt excluded). */
export declare const API_ACTIONS: readonly string[];
/**
 * `kms:List*`, `kms:*` or an exact name; RAM action names compare case-insensitively. A bare `*` (allowed in
 * identity policies) matches every action.
 */
export declare const actionMatches: (pattern: string, action: KmsAction) => boolean;
export {};
