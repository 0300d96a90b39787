import type { NewEvent } from '../../domain/kernel/envelope.ts'
import type { EventStore, ExpectedRevision, ReadAllOptions } from '../../domain/ports/event-store.ts'
import type { RecordedEvent } from '../../domain/kernel/envelope.ts'

// Read-your-writes without ceremony (docs/architecture.md §6): the API runs each request inside `track`, naming its
// request id, and every append made through this store for that request (its events' `metadata.requestId`, which
// every event written under the request's CommandContext carries) notes its position. The dispatch then waits for
// the read models to pass the highest one before it answers. Handlers need not pass positions around, and a
// handler that appends through several services (alias + key, batch tagging) is covered whole.
// By request id rather than an AsyncLocalStorage: in Node 20 one AsyncLocalStorage in use turns on promise hooks
// for every promise of the process (issue 11: ~4 % of the server's CPU under load).
// Usage streams (`keyusage-`) are not tracked: crypto calls append there in batches shared by several requests,
// and making every Encrypt wait for a read-store commit would put an fsync on the data plane. The usage queries
// catch up to the store's head instead (ReadModels.catchUp).

const UNTRACKED_PREFIXES = ['keyusage-']

interface Written {
  position: number
  /** Tracks running under this request id (an embedding caller may reuse one): the entry goes with the last. */
  running: number
}

export class PositionTrackingStore implements EventStore {
  private readonly requests = new Map<string, Written>()

  constructor(private readonly inner: EventStore) {}

  /** Runs `f` for request `requestId`, returning its value and the highest position its tracked appends reached (0: none). */
  async track<T>(requestId: string, f: () => Promise<T>): Promise<{ value: T; position: number }> {
    let written = this.requests.get(requestId)
    if (!written) this.requests.set(requestId, (written = { position: 0, running: 0 }))
    written.running++
    try {
      const value = await f()
      return { value, position: written.position }
    } finally {
      if (--written.running === 0) this.requests.delete(requestId)
    }
  }

  async append(streamId: string, expected: ExpectedRevision, events: readonly NewEvent[]) {
    const r = await this.inner.append(streamId, expected, events)
    if (r._tag === 'Right' && this.requests.size > 0 && !UNTRACKED_PREFIXES.some((p) => streamId.startsWith(p)))
      for (const requestId of new Set(events.map((e) => e.metadata.requestId))) {
        const written = this.requests.get(requestId)
        if (written) written.position = Math.max(written.position, r.right.position)
      }
    return r
  }

  readStream(streamId: string, fromRevision?: number, limit?: number): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, fromRevision, limit)
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options)
  }

  subscribeAll(options: Omit<ReadAllOptions, 'limit'>, handler: (e: RecordedEvent) => Promise<void> | void) {
    return this.inner.subscribeAll(options, handler)
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition()
  }

  close(): Promise<void> {
    return this.inner.close()
  }
}
