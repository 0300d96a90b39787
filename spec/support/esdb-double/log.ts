// The double's transaction log: every record of every stream in commit order, kept in memory.
// It models the EventStoreDB semantics the adapter relies on; where the notes
// (`reference/eventstoredb-notes.md` §2.7) say only a real server can settle a point, the comment says UNVERIFIED.

export interface DoubleRecord {
  readonly streamId: string
  readonly revision: number
  /** Commit position = prepare position (UNVERIFIED for multi-event appends on a real server, see docs/esdb.md). */
  readonly position: bigint
  readonly eventId: string
  readonly type: string
  readonly contentType: string
  readonly data: Uint8Array
  readonly metadata: Uint8Array
  /** 100 ns ticks since the Unix epoch, as the client decodes `created`. */
  readonly created: bigint
}

export type DoubleExpected =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: number }

export interface ProposedRecord {
  readonly eventId: string
  readonly type: string
  readonly contentType: string
  readonly data: Uint8Array
  readonly metadata: Uint8Array
}

export type AppendOutcome =
  | { readonly ok: true; readonly currentRevision: number; readonly position: bigint }
  | { readonly ok: false; readonly currentRevision: number; readonly expected: DoubleExpected }
  | { readonly ok: false; readonly deleted: true }

export type DeleteOutcome =
  | { readonly ok: true; readonly position: bigint }
  | { readonly ok: false; readonly currentRevision: number; readonly expected: DoubleExpected }
  | { readonly ok: false; readonly deleted: true }

/** A stream's live records, the revision its next event gets, and whether it was tombstoned. */
interface StreamState {
  records: DoubleRecord[]
  next: number
  tombstoned: boolean
}

/** Real logs do not start at 0 (epoch and system records come first), and positions are byte offsets with gaps. */
const FIRST_POSITION = 1_000n
const RECORD_OVERHEAD = 96n

export class DoubleLog {
  readonly records: DoubleRecord[] = []
  private readonly streams = new Map<string, StreamState>()
  private readonly listeners = new Set<(r: DoubleRecord) => void>()
  private nextPosition = FIRST_POSITION

  /** A fresh real database already holds system streams (`$users`, `$$$stats-…` metadata); so does the double. */
  constructor(options: { seedSystemEvents?: boolean } = {}) {
    if (options.seedSystemEvents ?? true) {
      this.appendSystem('$users', '$User', { loginName: 'admin' })
      this.appendSystem('$$$stats-127.0.0.1:2113', '$metadata', { $maxAge: 86400 })
    }
  }

  /** The stream's live records (their revisions start above 0 after a soft delete); undefined when there are none. */
  stream(streamId: string): readonly DoubleRecord[] | undefined {
    const s = this.streams.get(streamId)
    return s && !s.tombstoned && s.records.length > 0 ? s.records : undefined
  }

  tombstoned(streamId: string): boolean {
    return this.streams.get(streamId)?.tombstoned ?? false
  }

  lastPosition(): bigint {
    return this.records.at(-1)?.position ?? 0n
  }

  onRecord(listener: (r: DoubleRecord) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** A system event, as a real server writes them between user events (`$stats`, `$metadata`, scavenges). */
  appendSystem(streamId: string, type: string, data: unknown): DoubleRecord {
    const outcome = this.append(streamId, { kind: 'any' }, [
      { eventId: crypto.randomUUID(), type, contentType: 'application/json', data: Buffer.from(JSON.stringify(data)), metadata: new Uint8Array() },
    ])
    if (!outcome.ok) throw new Error('unreachable: any always holds')
    return this.records.at(-1)!
  }

  append(streamId: string, expected: DoubleExpected, proposed: readonly ProposedRecord[]): AppendOutcome {
    const state = this.streams.get(streamId) ?? { records: [], next: 0, tombstoned: false }
    if (state.tombstoned) return { ok: false, deleted: true }
    const stream = state.records
    // A soft-deleted stream with no event since counts as absent for `no_stream` (KurrentDB-Client-Dotnet#159).
    const current = stream.length > 0 ? state.next - 1 : -1
    const retried = this.idempotentRetry(stream, expected, proposed)
    if (retried) return retried
    const holds = holdsFor(expected, current)
    if (!holds) return { ok: false, currentRevision: current, expected }
    const created = BigInt(Date.now()) * 10_000n
    for (const p of proposed) {
      const record: DoubleRecord = { ...p, streamId, revision: state.next++, position: this.nextPosition, created }
      this.nextPosition += RECORD_OVERHEAD + BigInt(p.data.length + p.metadata.length + streamId.length)
      stream.push(record)
      this.records.push(record)
    }
    this.streams.set(streamId, state)
    for (const r of this.records.slice(this.records.length - proposed.length)) for (const l of [...this.listeners]) l(r)
    return { ok: true, currentRevision: state.next - 1, position: stream.at(-1)?.position ?? this.lastPosition() }
  }

  /**
   * `Streams.Delete` (soft: the stream can be written again, its numbering continues) and `Streams.Tombstone`
   * (hard: reads and appends answer StreamDeleted for ever). The double removes the stream's events from the
   * log AT ONCE: it models the state after a scavenge. A real server only hides them (stream reads give
   * StreamNotFound / StreamDeleted, `$all` still shows them) until a scavenge rewrites its chunks, and backups
   * keep them (docs/esdb.md, "Crypto-shredding on EventStoreDB").
   */
  delete(streamId: string, expected: DoubleExpected, hard: boolean): DeleteOutcome {
    const state = this.streams.get(streamId) ?? { records: [], next: 0, tombstoned: false }
    if (state.tombstoned) return { ok: false, deleted: true }
    const current = state.records.length > 0 ? state.next - 1 : -1
    if (!holdsFor(expected, current)) return { ok: false, currentRevision: current, expected }
    for (let i = this.records.length - 1; i >= 0; i--) if (this.records[i]!.streamId === streamId) this.records.splice(i, 1)
    state.records = []
    this.streams.set(streamId, state)
    if (hard) {
      state.tombstoned = true
      // A real server writes a `$streamDeleted` tombstone record into the stream; `$all` readers see it as a system event.
      return { ok: true, position: this.appendSystem(`$$${streamId}`, '$streamDeleted', {}).position }
    }
    return { ok: true, position: this.appendSystem(`$$${streamId}`, '$metadata', { $tb: state.next }).position }
  }

  /**
   * Idempotent writes, as the client docs describe them: the same event ids right after the expected revision
   * answer success and write nothing. For `any` / `stream_exists` a real server only consults a best-effort cache
   * of recent ids; the double looks through the whole stream (UNVERIFIED: a real server may write duplicates).
   */
  private idempotentRetry(stream: readonly DoubleRecord[], expected: DoubleExpected, proposed: readonly ProposedRecord[]): AppendOutcome | undefined {
    const first = proposed[0]
    if (!first) return undefined
    const base = stream[0]?.revision ?? 0
    const at =
      expected.kind === 'revision' ? expected.revision + 1 - base : expected.kind === 'no_stream' ? 0 : stream.findIndex((r) => r.eventId === first.eventId)
    if (at < 0 || at + proposed.length > stream.length) return undefined
    if (!proposed.every((p, i) => stream[at + i]!.eventId === p.eventId)) return undefined
    const last = stream[at + proposed.length - 1]!
    return { ok: true, currentRevision: last.revision, position: last.position }
  }
}

const holdsFor = (expected: DoubleExpected, current: number): boolean =>
  expected.kind === 'any' ||
  (expected.kind === 'no_stream' && current === -1) ||
  (expected.kind === 'stream_exists' && current >= 0) ||
  (expected.kind === 'revision' && expected.revision === current)
