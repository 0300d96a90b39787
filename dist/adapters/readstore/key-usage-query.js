import { shownLastCall, usageStatus } from "../../projections/usage/last-call.js";
import { USAGE_KEYS, USAGE_RESOURCES, USAGE_SERVICES, USAGE_TRACKING } from "../../projections/views/key-usage.js";
/** S-10 from the usage view: primary-key lookups only, so the answer's cost does not grow with traffic. */
export class SqliteKeyUsageQuery {
    rs;
    options;
    constructor(rs, options = {}) {
        this.rs = rs;
        this.options = options;
    }
    async getKeyLastCallTime(keyId, now) {
        const k = this.rs.prepare(`SELECT created_at, last_call_at FROM ${USAGE_KEYS} WHERE key_id = ?`).get(keyId);
        const trackingSince = this.trackingSince();
        const lastCallAt = k?.last_call_at ?? null;
        return {
            keyId,
            status: usageStatus({ createdAt: k?.created_at ?? null, lastCallAt, trackingSince }, now),
            lastCallTime: shownLastCall(lastCallAt, now),
            trackingSince,
        };
    }
    async describeKeyAssociations(keyId, now) {
        const last = await this.getKeyLastCallTime(keyId, now);
        const services = this.rs.prepare(`SELECT service, last_call_at, calls FROM ${USAGE_SERVICES} WHERE key_id = ?`)
            .all(keyId);
        const resources = this.rs.prepare(`SELECT service, resource, last_call_at, calls FROM ${USAGE_RESOURCES} WHERE key_id = ?`)
            .all(keyId);
        // Sorted here, not by ORDER BY: a handful of rows, and SQLite would build a temporary B-tree per query.
        services.sort((a, b) => b.last_call_at.localeCompare(a.last_call_at) || a.service.localeCompare(b.service));
        resources.sort((a, b) => b.last_call_at.localeCompare(a.last_call_at) || a.resource.localeCompare(b.resource));
        const products = services.map((s) => ({
            service: s.service,
            lastCallTime: shownLastCall(s.last_call_at, now),
            calls: s.calls,
            resources: resources.filter((r) => r.service === s.service)
                .map((r) => ({ resource: r.resource, lastCallTime: shownLastCall(r.last_call_at, now), calls: r.calls })),
        }));
        return { ...last, products };
    }
    trackingSince() {
        const configured = typeof this.options.trackingSince === 'function' ? this.options.trackingSince() : this.options.trackingSince;
        if (configured)
            return configured;
        const row = this.rs.prepare(`SELECT since FROM ${USAGE_TRACKING} WHERE id = 1`).get();
        return row?.since ?? null;
    }
}
