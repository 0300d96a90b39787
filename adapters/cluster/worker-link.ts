import type { NonceVerdict } from '../http/auth/nonce-cache.ts'
import type { NonceRegistry } from '../http/auth/verifier.ts'
import { isClusterMessage, type NonceAsk, type ToPrimary, type ToWorker } from './protocol.ts'

/**
 * A worker's side of the primary's shared state (primary.ts): the replay cache (asks of one turn of the event
 * loop go in one message) and the quota gate's per-pool lock.
 */
export class WorkerLink implements NonceRegistry {
  private nextId = 1
  private asks: NonceAsk[] = []
  private readonly verdicts = new Map<number, (v: NonceVerdict) => void>()
  private readonly grants = new Map<number, () => void>()

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
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- IPC wire input: `kl` is only checked to be a string, an unknown kind is ignored
    } else if (msg.kl === 'locked') {
      this.grants.get(msg.id)?.()
      this.grants.delete(msg.id)
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

  listening(url: string): void {
    this.send({ kl: 'listening', url })
  }

  private flush(): void {
    const asks = this.asks
    this.asks = []
    if (asks.length) this.send({ kl: 'nonces', asks })
  }
}
