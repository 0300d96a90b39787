import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../../domain/errors.ts'
import type { CommandContext } from '../../domain/kernel/context.ts'
import type { UsageRecord } from '../../domain/ports/usage-recorder.ts'

// Fair audit (docs/architecture.md §7 "Fair audit"): refusals of callers from another account are counted in
// memory and written at most once per (key, caller, action, error code) and minute, as one ActionInvoked `denied`
// carrying `count`, so account B hammering A's key ARN adds a bounded number of records to A's history. The
// refusal itself answers at once, with no store write on its path: a refusal on an existing key then costs what
// a refusal on a missing key costs, so its timing tells nothing of existence.

export interface ForeignDenialOptions {
  /** The aggregation window (default one minute). */
  readonly windowMs?: number
  /** Distinct (caller, action, code) records per key, calling account and window; beyond, one record for the rest. */
  readonly kindsPerAccount?: number
  /** How often windows that ended are written (default a quarter of the window). */
  readonly flushEveryMs?: number
  /** The time windows are measured by (the records carry the calls' own times). */
  readonly now?: () => Date
}

export const DEFAULT_DENIAL_WINDOW_MS = 60_000
export const DEFAULT_KINDS_PER_ACCOUNT = 8
/** The action of the record that stands for the calling account's refusals beyond its distinct kinds. */
export const OTHER_KINDS = 'kms:*'

interface Bucket {
  readonly window: number
  readonly ctx: CommandContext
  readonly record: UsageRecord
  count: number
  lastAt: string
}

export type WriteRecord = (ctx: CommandContext, record: UsageRecord) => Promise<E.Either<KmsError, void>>

export class ForeignDenials {
  private readonly buckets = new Map<string, Bucket>()
  /** Distinct kinds per window, key and calling account, for the rate limit. */
  private readonly kinds = new Map<string, number>()
  private readonly windowMs: number
  private readonly kindsPerAccount: number
  private readonly now: () => Date
  private readonly timer: NodeJS.Timeout
  private writing: Promise<void> = Promise.resolve()

  constructor(private readonly write: WriteRecord, private readonly onFailure: (message: string) => void, o: ForeignDenialOptions = {}) {
    this.windowMs = o.windowMs ?? DEFAULT_DENIAL_WINDOW_MS
    this.kindsPerAccount = o.kindsPerAccount ?? DEFAULT_KINDS_PER_ACCOUNT
    this.now = o.now ?? (() => new Date())
    this.timer = setInterval(() => void this.flushEnded(), o.flushEveryMs ?? Math.max(1, Math.floor(this.windowMs / 4)))
    this.timer.unref()
  }

  /** Refusals counted and not yet written (for specs and operators). */
  get pending(): number {
    let n = 0
    for (const b of this.buckets.values()) n += b.count
    return n
  }

  /** Counts one refusal of `callerAccount`'s caller (ctx.principal) on another account's key. Writes nothing now. */
  note(ctx: CommandContext, record: UsageRecord, callerAccount: string): void {
    const window = Math.floor(ctx.now.getTime() / this.windowMs)
    const scope = `${window}\n${record.keyId}\n${callerAccount}`
    const kind = `${scope}\n${ctx.principal}\n${record.action}\n${record.errorCode ?? ''}`
    const existing = this.buckets.get(kind)
    if (existing) return this.add(existing, record)
    const seen = this.kinds.get(scope) ?? 0
    if (seen < this.kindsPerAccount) {
      this.kinds.set(scope, seen + 1)
      this.buckets.set(kind, { window, ctx, record, count: 1, lastAt: record.at })
      return
    }
    // Beyond its distinct kinds (many RAM users, many actions), the account's refusals share one record.
    const rest = `${scope}\n*`
    const other = this.buckets.get(rest)
    if (other) return this.add(other, record)
    this.buckets.set(rest, { window, ctx, record: { ...record, action: OTHER_KINDS }, count: 1, lastAt: record.at })
  }

  /** Writes the windows that ended. */
  flushEnded(): Promise<void> {
    const current = Math.floor(this.now().getTime() / this.windowMs)
    return this.flush((window) => window < current)
  }

  /** Writes everything counted (at stop; specs). */
  flushAll(): Promise<void> {
    return this.flush(() => true)
  }

  async close(): Promise<void> {
    clearInterval(this.timer)
    await this.flushAll()
  }

  private add(b: Bucket, record: UsageRecord): void {
    b.count++
    b.lastAt = record.at
  }

  private flush(due: (window: number) => boolean): Promise<void> {
    const out: Bucket[] = []
    for (const [k, b] of this.buckets) if (due(b.window)) { out.push(b); this.buckets.delete(k) }
    for (const k of this.kinds.keys()) if (due(Number(k.slice(0, k.indexOf('\n'))))) this.kinds.delete(k)
    if (out.length === 0) return this.writing
    // One flush after another, so a stop waits for the writes of every earlier flush.
    this.writing = this.writing.then(async () => {
      const stored = await Promise.all(out.map((b) => this.write(b.ctx, { ...b.record, count: b.count, lastAt: b.lastAt })
        .catch((e: unknown) => E.left({ message: String(e) }))))
      const failed = stored.filter(E.isLeft)
      if (failed.length > 0) this.onFailure(`${failed.length} aggregated refusal record(s) could not be stored: ${failed[0]!.left.message}`)
    })
    return this.writing
  }
}
