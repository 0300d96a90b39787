import type { NonceVerdict } from '../http/auth/nonce-cache.ts'
import type { NonceRegistry } from '../http/auth/verifier.ts'
import type { ActionGroup } from '../http/throttle.ts'
import { isClusterMessage, type NonceAsk, type ToPrimary, type ToWorker } from './protocol.ts'
import type { Lease } from './throttle-lease.ts'
import type { AppendWriterFactory } from '../store/sqlite/event-store.ts'
import { RemoteWriter } from './remote-writer.ts'

/**
 * A worker's side of the primary's shared state (primary.ts): the replay cache (asks of one turn of the event
 * loop go in one message), the quota gate's per-pool lock, the throttle's token leases (throttle-lease.ts) and
 * the event store's writer (remote-writer.ts).
 */
export class WorkerLink implements NonceRegistry {
  private nextId = 1
  private asks: NonceAsk[] = []
  private readonly verdicts = new Map<number, (v: NonceVerdict) => void>()
  private readonly grants = new Map<number, () => void>()
  private readonly leases = new Map<number, (l: Lease) => void>()
  private remote: RemoteWriter | undefined

  constructor(private readonly send: (m: ToPrimary) => void = (m) => void process.send!(m)) {}

  /** Feeds the primary's answers; returns false for messages that are not the cluster's. */
  receive(m: unknown): boolean {
    if (!isClusterMessage(m)) return false
    const msg = m as ToWorker
    if (msg.kl === 'nonces') {
      for (const { id, verdict } of msg.verdicts) {
        this.verdicts.get(id)?.(verdict)
        this.verdicts.delete(id)
      }
    } else if (msg.kl === 'committed') {
      this.remote?.receive(msg)
    } else if (msg.kl === 'locked') {
      this.grants.get(msg.id)?.()
      this.grants.delete(msg.id)
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- IPC wire input: `kl` is only checked to be a string, an unknown kind is ignored
    } else if (msg.kl === 'leased') {
      this.leases.get(msg.id)?.({ granted: msg.granted, retryInMs: msg.retryInMs })
      this.leases.delete(msg.id)
    }
    return true
  }

  remember(accessKeyId: string, nonce: string, at: number, now: number): Promise<NonceVerdict> {
    return new Promise((resolve) => {
      const id = this.nextId++
      this.verdicts.set(id, resolve)
      if (this.asks.length === 0) setImmediate(() => this.flush())
      this.asks.push({ id, accessKeyId, nonce, at, now })
    })
  }

  /** Runs `run` holding the pool's lock in every worker (QuotaGate's cross-process turn). */
  async withPoolLock<T>(pool: string, run: () => Promise<T>): Promise<T> {
    const id = this.nextId++
    await new Promise<void>((resolve) => {
      this.grants.set(id, resolve)
      this.send({ kl: 'lock', id, pool })
    })
    try {
      return await run()
    } finally {
      this.send({ kl: 'unlock', pool })
    }
  }

  /** Asks the primary for a batch of the account's tokens in the group (throttle-lease.ts). */
  lease(accountId: string, group: ActionGroup): Promise<Lease> {
    return new Promise((resolve) => {
      const id = this.nextId++
      this.leases.set(id, resolve)
      this.send({ kl: 'lease', id, accountId, group })
    })
  }

  /** The event store's writer: the primary's (shared-writer.ts), for a SQLite store opened with it. */
  readonly writer: AppendWriterFactory = (committed) =>
    Promise.resolve((this.remote = new RemoteWriter((appends) => this.send({ kl: 'append', appends }), committed)))

  listening(url: string): void {
    this.send({ kl: 'listening', url })
  }

  private flush(): void {
    const asks = this.asks
    this.asks = []
    if (asks.length) this.send({ kl: 'nonces', asks })
  }
}
