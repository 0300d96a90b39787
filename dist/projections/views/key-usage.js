import { upsert } from "../rows.js";
// Usage (S-10): from `ActionInvoked`, which products (caller service) and which of their resources call a key,
// and when each last did. Counters and last-call times merge with `add`/`max`, so the fold needs no read of
// the current row and stays a pure function of the event.
// A key's creation is recorded here too: "unused" (tracked since creation, never called) and "no record since
// tracking began" (created before the first recorded call) are different answers (S-10.3 and the issue).
export const USAGE_KEYS = 'usage_keys';
export const USAGE_SERVICES = 'usage_services';
export const USAGE_RESOURCES = 'usage_resources';
export const USAGE_TRACKING = 'usage_tracking';
/** Calls without a caller service (self-built applications, S-10.1) are grouped under this name. */
export const UNKNOWN_SERVICE = '';
export const keyUsageView = {
    name: 'key-usage',
    version: 1,
    tables: [
        {
            name: USAGE_KEYS,
            columns: {
                key_id: 'TEXT NOT NULL', created_at: 'TEXT', first_call_at: 'TEXT', last_call_at: 'TEXT',
                last_allowed_at: 'TEXT', calls: 'INTEGER NOT NULL DEFAULT 0', denied: 'INTEGER NOT NULL DEFAULT 0',
            },
            primaryKey: ['key_id'],
        },
        {
            name: USAGE_SERVICES,
            columns: { key_id: 'TEXT NOT NULL', service: 'TEXT NOT NULL', last_call_at: 'TEXT', calls: 'INTEGER NOT NULL DEFAULT 0' },
            primaryKey: ['key_id', 'service'],
        },
        {
            name: USAGE_RESOURCES,
            columns: {
                key_id: 'TEXT NOT NULL', service: 'TEXT NOT NULL', resource: 'TEXT NOT NULL', last_call_at: 'TEXT',
                calls: 'INTEGER NOT NULL DEFAULT 0',
            },
            primaryKey: ['key_id', 'service', 'resource'],
        },
        // One row: when usage tracking began (the first call recorded in this store).
        { name: USAGE_TRACKING, columns: { id: 'INTEGER NOT NULL', since: 'TEXT' }, primaryKey: ['id'] },
    ],
    project: (e) => {
        if (e.kind === 'key' && e.event.type === 'KeyCreated')
            return [upsert(USAGE_KEYS, { key_id: e.event.data.keyId, created_at: e.event.data.createdAt }, { created_at: 'replace' })];
        if (e.kind !== 'usage')
            return [];
        const d = e.event.data;
        const allowed = d.outcome === 'allowed';
        const service = d.callerService ?? UNKNOWN_SERVICE;
        return [
            upsert(USAGE_KEYS, {
                key_id: d.keyId, first_call_at: d.at, last_call_at: d.at, last_allowed_at: allowed ? d.at : null,
                calls: 1, denied: d.outcome === 'denied' ? 1 : 0,
            }, { first_call_at: 'min', last_call_at: 'max', last_allowed_at: 'max', calls: 'add', denied: 'add' }),
            upsert(USAGE_SERVICES, { key_id: d.keyId, service, last_call_at: d.at, calls: 1 }, { last_call_at: 'max', calls: 'add' }),
            ...(d.callerResource
                ? [upsert(USAGE_RESOURCES, { key_id: d.keyId, service, resource: d.callerResource, last_call_at: d.at, calls: 1 }, { last_call_at: 'max', calls: 'add' })]
                : []),
            upsert(USAGE_TRACKING, { id: 1, since: d.at }, { since: 'min' }),
        ];
    },
};
