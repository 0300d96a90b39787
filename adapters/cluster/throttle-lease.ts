import { groupOf, type ActionGroup, type Bucket, type RequestThrottle } from '../http/throttle.ts'

// Throttling across `serve --workers N` (issue 13 item 9; docs/operations.md "Throttling"). The primary holds each
// account's buckets; a worker leases tokens from it in batches and spends them locally, so a call costs no IPC
// round trip until the worker's allowance for (account, group) runs out. Every token a worker spends came out of
// the primary's bucket, so the workers together can never hand out more than one bucket refills; what they may
// hand out beyond what one bucket would allow *at a given moment* is only what sits leased but unspent: at most
// `workers × batch` tokens (batch below), once, whatever the length of the interval. When the primary has no
// token, it says when it will have one, and the worker refuses locally until then (a flood of refused calls costs
// no IPC either).

/**
 * Tokens per lease: a twentieth of a second's refill, at most a quarter of the burst shared among the workers,
 * at least one. Defaults (cryptographic 10,000/s, burst 20,000; 2 workers): 500 per lease, one IPC per 500 calls,
 * an overshoot bound of 1,000 calls (5 % of the burst). Small limits lease one token at a time: exact, one IPC a call.
 */
export const leaseBatch = (limit: Bucket, workers: number): number =>
  Math.max(1, Math.floor(Math.min(limit.burst / (4 * Math.max(1, workers)), limit.ratePerSecond / 20)))

export interface Lease { readonly granted: number; readonly retryInMs: number }

/** How a worker asks the primary for tokens (WorkerLink over the cluster's IPC channel; a function in specs). */
export type LeaseTokens = (accountId: string, group: ActionGroup) => Promise<Lease>

interface Allowance { tokens: number; deniedUntil: number; pending: Promise<void> | undefined }

export class LeasedThrottle implements RequestThrottle {
  private readonly allowances = new Map<string, Allowance>()

  constructor(private readonly lease: LeaseTokens, private readonly nowMs: () => number = () => performance.now()) {}

  take(accountId: string, action: string): boolean | Promise<boolean> {
    const group = groupOf(action)
    const key = `${accountId}\u0000${group}`
    let a = this.allowances.get(key)
    if (!a) this.allowances.set(key, (a = { tokens: 0, deniedUntil: 0, pending: undefined }))
    return this.spend(a) ?? this.afterLease(a, accountId, group)
  }

  /** True or false when the allowance can answer alone; undefined when the primary must be asked. */
  private spend(a: Allowance): boolean | undefined {
    if (a.tokens >= 1) {
      a.tokens -= 1
      return true
    }
    return this.nowMs() < a.deniedUntil ? false : undefined
  }

  /** Calls waiting on one lease share it; one that finds it spent by the others asks again, until a refusal. */
  private async afterLease(a: Allowance, accountId: string, group: ActionGroup): Promise<boolean> {
    for (;;) {
      a.pending ??= this.lease(accountId, group).then((l) => {
        a.pending = undefined
        a.tokens += l.granted
        a.deniedUntil = l.granted > 0 ? 0 : this.nowMs() + l.retryInMs
      }, (e: unknown) => {
        a.pending = undefined
        throw e
      })
      await a.pending
      const answer = this.spend(a)
      if (answer !== undefined) return answer
    }
  }
}
