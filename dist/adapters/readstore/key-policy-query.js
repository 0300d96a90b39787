import { POLICY_HISTORY, POLICY_KEYS } from "../../projections/views/key-policies.js";
/** S-5.4 history of one pool from the key-policies view: an index lookup on the pool, rows in store order. */
export class SqliteKeyPolicyHistory {
    rs;
    constructor(rs) {
        this.rs = rs;
    }
    async history(pool) {
        const rows = this.rs.prepare(`SELECT h.key_id, k.owner_account_id, h.policy, h.occurred_at FROM ${POLICY_KEYS} k JOIN ${POLICY_HISTORY} h ON h.key_id = k.key_id WHERE k.pool = ? ORDER BY h.position`).all(pool);
        return rows.map((r) => ({ keyId: r.key_id, ownerAccountId: r.owner_account_id, policy: r.policy, occurredAt: r.occurred_at }));
    }
}
