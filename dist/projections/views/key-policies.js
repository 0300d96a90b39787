import { upsert } from "../rows.js";
// S-5.4: the key policies of every instance's keys over time, so the quota gate reads one instance's history
// with an index lookup instead of folding every key stream on each policy change. One row per policy event
// (KeyCreated, KeyPolicyUpdated; KeyDeleted gives the key no policy) plus the pool each key counts against.
// Policy changes are rare next to reads: the history is kept whole, as `checkQuota` wants it.
export const POLICY_KEYS = 'policy_keys';
export const POLICY_HISTORY = 'policy_history';
/** Keys outside any instance (the region's default key) share one pool per account. */
export const policyPoolOf = (instanceId, accountId) => instanceId ?? `default-key:${accountId}`;
export const keyPoliciesView = {
    name: 'key-policies',
    version: 1,
    tables: [
        {
            name: POLICY_KEYS,
            columns: { key_id: 'TEXT NOT NULL', pool: 'TEXT NOT NULL', owner_account_id: 'TEXT NOT NULL' },
            primaryKey: ['key_id'],
            indexes: [['pool']],
        },
        {
            name: POLICY_HISTORY,
            columns: { key_id: 'TEXT NOT NULL', position: 'INTEGER NOT NULL', policy: 'TEXT', occurred_at: 'TEXT NOT NULL' },
            primaryKey: ['key_id', 'position'],
        },
    ],
    project: (e) => {
        if (e.kind !== 'key')
            return [];
        const at = { position: e.position, occurred_at: e.metadata.occurredAt };
        const ev = e.event;
        switch (ev.type) {
            case 'KeyCreated':
                return [
                    upsert(POLICY_KEYS, { key_id: ev.data.keyId, pool: policyPoolOf(ev.data.instanceId, ev.data.accountId), owner_account_id: ev.data.accountId }),
                    upsert(POLICY_HISTORY, { key_id: ev.data.keyId, ...at, policy: ev.data.policy }),
                ];
            case 'KeyPolicyUpdated':
                return [upsert(POLICY_HISTORY, { key_id: ev.data.keyId, ...at, policy: ev.data.policy })];
            case 'KeyDeleted':
                return [upsert(POLICY_HISTORY, { key_id: ev.data.keyId, ...at, policy: null })];
            default:
                return [];
        }
    },
};
