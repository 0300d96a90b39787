import { AsyncLocalStorage } from 'node:async_hooks'
import type { NewEvent } from '../../domain/kernel/envelope.ts'
import type { EventStore, ExpectedRevision, ReadAllOptions } from '../../domain/ports/event-store.ts'
import type { RecordedEvent } from '../../domain/kernel/envelope.ts'

// Read-your-writes without ceremony (docs/architecture.md §6): the API runs each request inside `track`, and every append the
// request's handlers make through this store notes its position in the request's async context. The dispatch
// then waits for the read models to pass the highest one before it answers. Handlers need not pass positions
// around, and a handler that appends through several services (alias + key, batch tagging) is covered whole.
// Usage streams (`keyusage-`) are not tracked: crypto calls append there in batches shared by several requests,
// and making every Encrypt wait for a read-store commit would put an fsync on the data plane. The usage queries
// catch up to the store's head instead (ReadModels.catchUp).

const UNTRACKED_PREFIXES = ['keyusage-']

interface Written { position: number }

export class PositionTrackingStore implements EventStore {
  private readonly context = new AsyncLocalStorage<Written>()

  constructor(private readonly inner: EventStore) {}

  /** Runs `f`, returning its value and the highest position its tracked appends reached (0: none). */
  async track<T>(f: () => Promise<T>): Promise<{ value: T; position: number }> {
    const written: Written = { position: 0 }
    const value = await this.context.run(written, f)
    return { value, position: written.position }
  }

  async append(streamId: string, expected: ExpectedRevision, events: readonly NewEvent[]) {
    const r = await this.inner.append(streamId, expected, events)
    const written = this.context.getStore()
    if (written && r._tag === 'Right' && !UNTRACKED_PREFIXES.some((p) => streamId.startsWith(p)))
      written.position = Math.max(written.position, r.right.position)
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
