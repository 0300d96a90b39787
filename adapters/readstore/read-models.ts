import type { Logger } from 'pino'
import type { EventStore } from '../../domain/ports/event-store.ts'
import type { KeyCatalogueQuery, KeyPolicyHistoryQuery, KeyUsageQuery } from '../../projections/queries.ts'
import { allViews } from '../../projections/views/index.ts'
import { SqliteKeyCatalogueQuery } from './key-catalogue-query.ts'
import { SqliteKeyPolicyHistory } from './key-policy-query.ts'
import { SqliteKeyUsageQuery } from './key-usage-query.ts'
import { readAnchors } from './anchor.ts'
import { PositionTrackingStore } from './position-tracking-store.ts'
import { ProjectionRunner } from './runner.ts'
import { SqliteReadStore } from './sqlite.ts'

// The read models inside the server (docs/architecture.md §6): the read store file, the runner that feeds it from the event
// store, the query ports over it, and read-your-writes for the API.

/** How a wait for the read models ended: `timeout` and `failed` are logged; the API answers anyway. */
import type { ReadWait } from '../../domain/ports/read-store.ts'

export type { ReadWait } from '../../domain/ports/read-store.ts'

export interface ReadModels {
  readonly catalogue: KeyCatalogueQuery
  readonly usage: KeyUsageQuery
  readonly policies: KeyPolicyHistoryQuery
  /**
   * Runs a request's handler; `position` is the highest position its (non-usage) appends reached, 0 for none:
   * the appends whose events carry `requestId` in their metadata (the request's CommandContext).
   */
  track<T>(requestId: string, f: () => Promise<T>): Promise<{ value: T; position: number }>
  /** Waits (bounded) until every view has passed `position`. */
  waitFor(position: number): Promise<ReadWait>
  /** Waits (bounded) until every view has passed the store's head as of now: sees every commit made before the call. */
  catchUp(): Promise<ReadWait>
  /** How many events a stream held as the stream-heads view last saw it (0 when unknown): counts without reading. */
  streamLength(streamId: string): number
}

export interface OpenReadModelsOptions {
  /** The event store the views fold; appends must go through `tracking` for read-your-writes. */
  readonly store: EventStore
  readonly tracking: PositionTrackingStore
  /** `<dataDir>/readstore.sqlite`, or `:memory:`. */
  readonly path: string
  readonly logger: Logger
  /** How long a request waits for the views before answering without them (default 2000 ms). */
  readonly waitMs?: number
  /**
   * S-10: when call recording began. Default: the store's first event, since this server records every call
   * from its first day; give the day recording was switched on for a store that began without it.
   */
  readonly usageTrackingSince?: string
}

export interface RunningReadModels extends ReadModels {
  readonly runner: ProjectionRunner
  readonly readStore: SqliteReadStore
  close(): Promise<void>
}

export const DEFAULT_READ_WAIT_MS = 2000

/** Opens the read store, starts the runner and waits until the views have caught up with the store's head. */
export const openReadModels = async (o: OpenReadModelsOptions): Promise<RunningReadModels> => {
  const log = o.logger
  const waitMs = o.waitMs ?? DEFAULT_READ_WAIT_MS
  const readStore = SqliteReadStore.open(o.path)
  let runner: ProjectionRunner
  try {
    runner = new ProjectionRunner({
      store: o.store, readStore, views: allViews,
      // The event stays out of the views until its codec or an upcaster reads it and the view is rebuilt.
      onProblem: (p) => log.warn({ position: p.position, streamId: p.streamId, revision: p.revision, type: p.type, reason: p.reason }, 'event does not decode; left out of the read models'),
      onFailure: (err) => log.error({ code: 'ReadModels.Stopped', err: { message: err.message } }, 'ReadModels.Stopped: read models stopped: a batch could not be committed. Fix the read store (disk space, permissions) and restart; keyledger projections rebuild refolds it'),
    })
  } catch (e) {
    readStore.close()
    throw e
  }
  const wait = async (position: number): Promise<ReadWait> => {
    try {
      return (await runner.waitFor(position, waitMs)) ? 'reached' : 'timeout'
    } catch {
      return 'failed' // logged once by onFailure
    }
  }
  const close = async () => {
    await runner.stop()
    readStore.close()
  }
  runner.start()
  let firstEventAt: string | undefined
  try {
    firstEventAt = (await o.store.readAll({ limit: 1 }))[0]?.metadata.occurredAt
    // Queries right after start must not answer from a half-folded catalogue: wait for the head, however long.
    const head = await o.store.headPosition()
    if (runner.position() < head) log.info({ from: runner.position(), to: head }, 'read models catching up')
    while (!(await runner.waitFor(head, 5000))) log.info({ at: runner.position(), to: head }, 'read models still catching up')
  } catch (e) {
    await close()
    throw e
  }
  return {
    runner, readStore, close,
    catalogue: new SqliteKeyCatalogueQuery(readStore),
    usage: new SqliteKeyUsageQuery(readStore, { trackingSince: o.usageTrackingSince ?? (() => firstEventAt) }),
    policies: new SqliteKeyPolicyHistory(readStore),
    track: (requestId, f) => o.tracking.track(requestId, f),
    streamLength: (streamId) => {
      const head = readAnchors(readStore, [streamId]).get(streamId)
      return head === undefined ? 0 : head.revision + 1
    },
    waitFor: (position) => (position <= 0 ? Promise.resolve('reached') : wait(position)),
    catchUp: async () => {
      const head = await o.store.headPosition()
      if (firstEventAt === undefined && head > 0) firstEventAt = (await o.store.readAll({ limit: 1 }))[0]?.metadata.occurredAt
      return wait(head)
    },
  }
}
