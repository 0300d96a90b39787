// S-5.1 resource sharing: instance A of account 1 shared with account 2. Keys account 1 creates there stay
// account 1's alone; keys account 2 creates there are managed and used by both 1 and 2. So the instance's owner
// co-owns the keys of the accounts it shares with, never the other way round, and accounts that share the same
// instance never co-own each other's keys.
/** The accounts that, besides the key's own account, count as its owner for `acs:ram::<owner>:*` and `:root`. */
export const coOwningAccounts = (keyOwnerAccountId, sharing) => sharing !== undefined &&
    keyOwnerAccountId !== sharing.instanceOwnerAccountId &&
    sharing.sharedWithAccountIds.includes(keyOwnerAccountId)
    ? [sharing.instanceOwnerAccountId]
    : [];
