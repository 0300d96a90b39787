import type { KeyAssociations, KeyLastCall, KeyUsageQuery } from '../../projections/queries.ts';
import type { SqliteReadStore } from './sqlite.ts';
export interface KeyUsageQueryOptions {
    /**
     * When usage recording began, if known (e.g. the day the HTTP layer started writing ActionInvoked).
     * Without it, tracking is taken to begin with the first call the store recorded. A function is asked on
     * every query (the server answers with its store's first event, known only once there is one).
     */
    readonly trackingSince?: string | (() => string | undefined);
}
/** S-10 from the usage view: primary-key lookups only, so the answer's cost does not grow with traffic. */
export declare class SqliteKeyUsageQuery implements KeyUsageQuery {
    private readonly rs;
    private readonly options;
    constructor(rs: SqliteReadStore, options?: KeyUsageQueryOptions);
    getKeyLastCallTime(keyId: string, now: Date): Promise<KeyLastCall>;
    describeKeyAssociations(keyId: string, now: Date): Promise<KeyAssociations>;
    private trackingSince;
}
