export interface ResourceSharing {
    /** The main account that owns the KMS instance the key lives in. */
    readonly instanceOwnerAccountId: string;
    /** The main accounts the instance is shared with (resource-sharing unit). */
    readonly sharedWithAccountIds: readonly string[];
}
/** The accounts that, besides the key's own account, count as its owner for `acs:ram::<owner>:*` and `:root`. */
export declare const coOwningAccounts: (keyOwnerAccountId: string, sharing: ResourceSharing | undefined) => readonly string[];
