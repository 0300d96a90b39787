import type { KeyAssociations, KeyLastCall, KeyUsageQuery, ProductAssociation } from '../../projections/queries.ts'
import { shownLastCall, usageStatus } from '../../projections/usage/last-call.ts'
import { USAGE_KEYS, USAGE_RESOURCES, USAGE_SERVICES, USAGE_TRACKING } from '../../projections/views/key-usage.ts'
import type { SqliteReadStore } from './sqlite.ts'

export interface KeyUsageQueryOptions {
  /**
   * When usage recording began, if known (e.g. the day the HTTP layer started writing ActionInvoked).
   * Without it, tracking is taken to begin with the first call the store recorded. A function is asked on
   * every query (the server answers with its store's first event, known only once there is one).
   */
  readonly trackingSince?: string | (() => string | undefined)
}

/** S-10 from the usage view: primary-key lookups only, so the answer's cost does not grow with traffic. */
export class SqliteKeyUsageQuery implements KeyUsageQuery {
  constructor(private readonly rs: SqliteReadStore, private readonly options: KeyUsageQueryOptions = {}) {}

  async getKeyLastCallTime(keyId: string, now: Date): Promise<KeyLastCall> {
    const k = this.rs.prepare(`SELECT created_at, last_call_at FROM ${USAGE_KEYS} WHERE key_id = ?`).get(keyId) as
      { created_at: string | null; last_call_at: string | null } | undefined
    const trackingSince = this.trackingSince()
    const lastCallAt = k?.last_call_at ?? null
    return {
      keyId,
      status: usageStatus({ createdAt: k?.created_at ?? null, lastCallAt, trackingSince }, now),
      lastCallTime: shownLastCall(lastCallAt, now),
      trackingSince,
    }
  }

  async describeKeyAssociations(keyId: string, now: Date): Promise<KeyAssociations> {
    const last = await this.getKeyLastCallTime(keyId, now)
    const services = this.rs.prepare(`SELECT service, last_call_at, calls FROM ${USAGE_SERVICES} WHERE key_id = ?`)
      .all(keyId) as { service: string; last_call_at: string; calls: number }[]
    const resources = this.rs.prepare(`SELECT service, resource, last_call_at, calls FROM ${USAGE_RESOURCES} WHERE key_id = ?`)
      .all(keyId) as { service: string; resource: string; last_call_at: string; calls: number }[]
    // Sorted here, not by ORDER BY: a handful of rows, and SQLite would build a temporary B-tree per query.
    services.sort((a, b) => b.last_call_at.localeCompare(a.last_call_at) || a.service.localeCompare(b.service))
    resources.sort((a, b) => b.last_call_at.localeCompare(a.last_call_at) || a.resource.localeCompare(b.resource))
    const products: ProductAssociation[] = services.map((s) => ({
      service: s.service,
      lastCallTime: shownLastCall(s.last_call_at, now),
      calls: s.calls,
      resources: resources.filter((r) => r.service === s.service)
        .map((r) => ({ resource: r.resource, lastCallTime: shownLastCall(r.last_call_at, now), calls: r.calls })),
    }))
    return { ...last, products }
  }

  private trackingSince(): string | null {
    const configured = typeof this.options.trackingSince === 'function' ? this.options.trackingSince() : this.options.trackingSince
    if (configured) return configured
    const row = this.rs.prepare(`SELECT since FROM ${USAGE_TRACKING} WHERE id = 1`).get() as { since: string } | undefined
    return row?.since ?? null
  }
}
