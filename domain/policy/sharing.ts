// S-5.1 resource sharing: instance A of account 1 shared with account 2. Keys account 1 creates there stay
// account 1's alone; keys account 2 creates there are managed and used by both 1 and 2. So the instance's owner
// co-owns the keys of the accounts it shares with, never the other way round, and accounts that share the same
// instance never co-own each other's keys.

export interface ResourceSharing {
  /** The main account that owns the KMS instance the key lives in. */
  readonly instanceOwnerAccountId: string
  /** The main accounts the instance is shared with (resource-sharing unit). */
  readonly sharedWithAccountIds: readonly string[]
}

/** The accounts that, besides the key's own account, count as its owner for `acs:ram::<owner>:*` and `:root`. */
export const coOwningAccounts = (keyOwnerAccountId: string, sharing: ResourceSharing | undefined): readonly string[] =>
  sharing !== undefined &&
  keyOwnerAccountId !== sharing.instanceOwnerAccountId &&
  sharing.sharedWithAccountIds.includes(keyOwnerAccountId)
    ? [sharing.instanceOwnerAccountId]
    : []
