// Where the ESDB specs run: always against the in-process double through the real client; also against a real
// server when ESDB_CONNECTION_STRING is set. Names are unique per run, so a real server's old data is ignored.
import { randomUUID } from 'node:crypto'
import type { NewEvent } from '../../domain/kernel/envelope.ts'
import { type EsdbEventStore, type EsdbStoreOptions, openEsdbEventStore } from '../../adapters/store/esdb/index.ts'
import { startEsdbDouble, type EsdbDouble } from './esdb-double/index.ts'

export const FAST_BACKOFF = { initialMs: 20, maxMs: 200, attempts: 15 }

export interface Target {
  readonly name: string
  open(options?: EsdbStoreOptions): Promise<{ store: EsdbEventStore; double?: EsdbDouble; cleanup: () => Promise<void> }>
}

export const doubleTarget: Target = {
  name: 'double',
  open: async (options = {}) => {
    const double = await startEsdbDouble()
    const store = await openEsdbEventStore(double.connectionString, { backoff: FAST_BACKOFF, ...options })
    return { store, double, cleanup: async () => { await store.close(); await double.stop() } }
  },
}

export const realConnectionString = process.env.ESDB_CONNECTION_STRING

export const realTarget: Target | undefined = realConnectionString
  ? {
      name: 'real server',
      open: async (options = {}) => {
        const store = await openEsdbEventStore(realConnectionString, { backoff: FAST_BACKOFF, ...options })
        return { store, cleanup: () => store.close() }
      },
    }
  : undefined

/** A stream-name prefix no other run shares: `key-<run>` keeps the `key` category of docs/architecture.md §3. */
export const runId = () => randomUUID().replace(/-/g, '').slice(0, 12)

export const newEvent = (type: string, data: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: {
    principal: 'acs:ram::1234567890:root',
    requestId: randomUUID(),
    occurredAt: '2024-05-01T00:00:00.000Z',
    correlationId: 'corr-1',
    causationId: 'cause-1',
  },
})

export const waitFor = async (what: string, check: () => boolean, ms = 4_000): Promise<void> => {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
