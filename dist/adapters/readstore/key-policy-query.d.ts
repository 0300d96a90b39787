import type { KeyPolicyChange } from '../../domain/policy/quota.ts';
import type { KeyPolicyHistoryQuery } from '../../projections/queries.ts';
import type { SqliteReadStore } from './sqlite.ts';
/** S-5.4 history of one pool from the key-policies view: an index lookup on the pool, rows in store order. */
export declare class SqliteKeyPolicyHistory implements KeyPolicyHistoryQuery {
    private readonly rs;
    constructor(rs: SqliteReadStore);
    history(pool: string): Promise<KeyPolicyChange[]>;
}
