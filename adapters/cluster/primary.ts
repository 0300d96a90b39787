import cluster, { type Worker } from 'node:cluster'
import type { Logger } from 'pino'
import { NonceCache } from '../http/auth/nonce-cache.ts'
import type { NonceJournal } from '../http/auth/nonce-journal.ts'
import { Throttle, type ActionGroup, type ThrottleLimits } from '../http/throttle.ts'
import { isClusterMessage, type NonceAsk, type ToPrimary, type ToWorker } from './protocol.ts'
import { leaseBatch } from './throttle-lease.ts'
import { SharedWriter } from './shared-writer.ts'

export interface PrimaryOptions {
  readonly workers: number
  readonly logger: Logger
  /** The replay window and nonce bounds of the configuration (the verifier's defaults otherwise). */
  readonly windowSeconds?: number
  readonly maxNonces?: number
  readonly maxNoncesPerKey?: number
  /** The configuration's `throttling`: the buckets are the primary's, workers lease tokens from them. */
  readonly throttling?: ThrottleLimits
  /**
   * The data dir's nonce journal (nonces.sqlite): the primary writes it, as it holds the replay cache; the workers
   * do not open it. One writer: two processes writing one SQLite file take turns through SQLite's busy handler,
   * which sleeps 1, 2, 5 ms… on the event loop that waits (issue 11 item 3, docs/architecture.md §9).
   */
  readonly journal?: NonceJournal
  /** The events file of a SQLite store: the primary runs its one writer for all workers (shared-writer.ts). */
  readonly eventsPath?: string
  /** Told once every worker listens. */
  readonly onListening: (url: string) => void
}

/** How many accepted requests between two prunings of the journal's expired rows (as the verifier alone). */
const PRUNE_EVERY = 1000

interface PoolLock {
  holder: Worker | undefined
  readonly waiting: Array<{ worker: Worker; id: number }>
}

/**
 * The primary of `serve --workers N`: forks the workers (the first alone, so that the files a first start makes —
 * root key, vault, read store — are made once), replaces one that dies, and holds what must be one for all:
 * - the replay cache: every worker asks it about each nonce, so a request replayed to another worker is refused;
 *   and its journal (nonces.sqlite), written before the verdicts go back, so replays stay refused after a restart;
 * - the quota gate's turn per policy pool: a check and its append run under the pool's lock, in any worker;
 * - the throttle's buckets: workers lease tokens in batches (throttle-lease.ts), so a limit holds across workers.
 * - the event store's one writer (a SQLite store): every worker's appends are committed by the primary's writer
 *   thread, in group commits across workers (shared-writer.ts).
 * Each worker runs the rest of the server on the shared data dir: it reads the event store on its own
 * connection, and SQLite's locking orders the read store's batches (planned from checkpoints read under the lock).
 * Only the first worker runs the scheduler.
 */
export const runPrimary = (o: PrimaryOptions): { stop: (signal: string) => void } => {
  const windowMs = (o.windowSeconds ?? 900) * 1000
  const nonces = new NonceCache(windowMs, o.maxNonces, o.maxNoncesPerKey)
  const journal = o.journal
  // Nonces accepted before a restart stay used for the rest of their window (as RequestVerifier does alone).
  const started = Date.now()
  for (const n of journal?.live(started - windowMs) ?? []) nonces.remember(n.accessKeyId, n.nonce, n.at, started)
  let accepted = 0
  /** The verdicts of one worker's asks; the accepted nonces are in the journal before the verdicts leave. */
  const judge = (asks: readonly NonceAsk[]): ToWorker => {
    const verdicts = asks.map((a) => ({ id: a.id, verdict: nonces.remember(a.accessKeyId, a.nonce, a.at, a.now) }))
    if (journal) {
      asks.forEach((a, i) => {
        if (verdicts[i]!.verdict !== 'fresh') return
        journal.record({ accessKeyId: a.accessKeyId, nonce: a.nonce, at: a.at })
        if (++accepted % PRUNE_EVERY === 0) journal.prune(a.now - windowMs)
      })
      journal.flush()
    }
    return { kl: 'nonces', verdicts }
  }
  const locks = new Map<string, PoolLock>()
  const throttle = new Throttle(o.throttling ?? {})
  const batch = (g: ActionGroup): number => leaseBatch(throttle.limits[g], o.workers)
  const listening = new Set<number>()
  /**
   * Live workers by cluster id (`worker.id`: unique per fork, never reused), not by index: a replacement worker takes
   * its predecessor's index while that one may still be exiting, and the writer's answers must reach the very process
   * whose append they settle (an index would hand one worker another's outcome, or none).
   */
  const byId = new Map<number, Worker>()
  /** Workers 2..N are started once, when the first worker listens: a replacement of worker 1 does not start them again. */
  let othersStarted = false
  const writer = o.eventsPath !== undefined
    ? new SharedWriter(o.eventsPath, () => byId.keys(), (id, c) => {
      const w = byId.get(id)
      if (w) send(w, { kl: 'committed', ...c })
    })
    : undefined
  let stopping = false
  let announced = false

  const send = (w: Worker, m: ToWorker): void => {
    if (w.isConnected()) w.send(m)
  }
  const grant = (pool: string, lock: PoolLock): void => {
    while (lock.holder === undefined && lock.waiting.length > 0) {
      const next = lock.waiting.shift()!
      if (!next.worker.isConnected()) continue
      lock.holder = next.worker
      send(next.worker, { kl: 'locked', id: next.id })
    }
    if (lock.holder === undefined) locks.delete(pool)
  }
  const releaseAll = (w: Worker): void => {
    for (const [pool, lock] of locks) {
      lock.waiting.splice(0, lock.waiting.length, ...lock.waiting.filter((x) => x.worker !== w))
      if (lock.holder === w) lock.holder = undefined
      grant(pool, lock)
    }
  }

  const fork = (index: number): Worker => {
    const w = cluster.fork({ KMS_WORKER_INDEX: String(index) })
    byId.set(w.id, w)
    w.on('message', (m: unknown) => {
      if (!isClusterMessage(m)) return
      const msg = m as ToPrimary
      switch (msg.kl) {
        case 'nonces':
          send(w, judge(msg.asks))
          return
        case 'append':
          writer?.append(w.id, msg.appends)
          return
        case 'lease':
          send(w, { kl: 'leased', id: msg.id, ...throttle.takeUpTo(msg.accountId, msg.group, batch(msg.group)) })
          return
        case 'lock': {
          const lock = locks.get(msg.pool) ?? { holder: undefined, waiting: [] }
          locks.set(msg.pool, lock)
          lock.waiting.push({ worker: w, id: msg.id })
          grant(msg.pool, lock)
          return
        }
        case 'unlock': {
          const lock = locks.get(msg.pool)
          if (lock?.holder === w) {
            lock.holder = undefined
            grant(msg.pool, lock)
          }
          return
        }
        case 'listening':
          listening.add(index)
          if (index === 1 && o.workers > 1 && !othersStarted) {
            othersStarted = true
            for (let i = 2; i <= o.workers; i++) fork(i)
          }
          // A replacement after a crash (the start's own workers are announced once, below).
          if (announced) o.logger.info({ worker: index }, 'worker listening again')
          if (!announced && listening.size >= o.workers) {
            announced = true
            o.onListening(msg.url)
          }
      }
    })
    w.on('exit', (code, signal) => {
      releaseAll(w)
      byId.delete(w.id)
      writer?.forget(w.id)
      listening.delete(index)
      if (stopping) return
      o.logger.error({ worker: index, code, signal }, 'worker stopped; starting another')
      if (!announced && index === 1) {
        // The first worker could not start (configuration, root key, port): the others would fail alike.
        o.logger.error('the first worker did not start; stopping')
        process.exitCode = 1
        return
      }
      fork(index)
    })
    return w
  }

  fork(1)
  return {
    stop: (signal) => {
      if (stopping) return
      stopping = true
      o.logger.info({ signal }, 'stopping workers')
      const all = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined)
      // The writer commits what the workers queued before they stopped, then the primary exits.
      const exit = (): void => void (writer?.close() ?? Promise.resolve()).finally(() => process.exit(process.exitCode ?? 0))
      if (all.length === 0) return exit()
      let left = all.length
      for (const w of all) {
        w.once('exit', () => {
          if (--left === 0) exit()
        })
        w.process.kill('SIGTERM')
      }
    },
  }
}
