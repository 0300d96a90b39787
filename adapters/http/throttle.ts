import type { KmsError } from '../../domain/errors.ts'

// Throttling per account and action group (issue 13 item 9; docs/operations.md "Throttling"): a token bucket per
// (account, group) refills at `ratePerSecond` up to `burst`; a call finding it empty is answered the cloud API's
// `429 Rejected.Throttling` "QPS Limit Exceeded" before any work. One process holds the buckets: the server's,
// or with `serve --workers N` the primary's, from which workers lease tokens in batches (adapters/cluster/
// throttle-lease.ts), so the limit holds across workers within a documented bound.

export type ActionGroup = 'cryptographic' | 'management' | 'read'
export interface Bucket { readonly ratePerSecond: number; readonly burst: number }
export type ThrottleLimits = Partial<Record<ActionGroup, Partial<Bucket>>>

// Defaults well above what one node serves (README "Benchmarks"), so only a runaway client meets them; an operator
// sharing a node between tenants sets lower ones (docs/config.md "throttling").
export const DEFAULT_LIMITS: Record<ActionGroup, Bucket> = {
  cryptographic: { ratePerSecond: 10_000, burst: 20_000 },
  management: { ratePerSecond: 500, burst: 1_000 },
  read: { ratePerSecond: 2_000, burst: 4_000 },
}

const CRYPTOGRAPHIC = new Set([
  'Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateAndExportDataKey',
  'ExportDataKey', 'AsymmetricEncrypt', 'AsymmetricDecrypt', 'AsymmetricSign', 'AsymmetricVerify', 'GenerateMac', 'VerifyMac',
])

export const groupOf = (action: string): ActionGroup =>
  CRYPTOGRAPHIC.has(action) ? 'cryptographic' : /^(Describe|List|Get)/.test(action) && action !== 'GetParametersForImport' ? 'read' : 'management'

export const throttled = (): KmsError => ({ code: 'Rejected.Throttling', httpStatus: 429, message: 'QPS Limit Exceeded' })

/** Where a call takes its token: this process's buckets, or a worker's leases from the primary's. */
export interface RequestThrottle {
  /** True when the account's bucket for the action's group had a token for the call. */
  take(accountId: string, action: string): boolean | Promise<boolean>
}

export const mergedLimits = (limits: ThrottleLimits): Record<ActionGroup, Bucket> => {
  const merge = (g: ActionGroup): Bucket => ({ ...DEFAULT_LIMITS[g], ...limits[g] })
  return { cryptographic: merge('cryptographic'), management: merge('management'), read: merge('read') }
}

export class Throttle implements RequestThrottle {
  readonly limits: Record<ActionGroup, Bucket>
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(limits: ThrottleLimits = {}, private readonly nowMs: () => number = () => performance.now()) {
    this.limits = mergedLimits(limits)
  }

  /** Takes one token for the call; false when the account's bucket for the action's group is empty. */
  take(accountId: string, action: string): boolean {
    const b = this.refilled(accountId, groupOf(action))
    if (b.tokens < 1) return false
    b.tokens -= 1
    return true
  }

  /**
   * Takes up to `wanted` whole tokens at once (a worker's lease); with none to give, says in how many ms the
   * bucket holds one again, so the asker can refuse without asking until then.
   */
  takeUpTo(accountId: string, group: ActionGroup, wanted: number): { granted: number; retryInMs: number } {
    const b = this.refilled(accountId, group)
    const granted = Math.max(0, Math.min(wanted, Math.floor(b.tokens)))
    b.tokens -= granted
    if (granted > 0) return { granted, retryInMs: 0 }
    const rate = this.limits[group].ratePerSecond
    return { granted, retryInMs: rate > 0 ? Math.max(1, Math.ceil(((1 - b.tokens) / rate) * 1000)) : 1000 }
  }

  private refilled(accountId: string, group: ActionGroup): { tokens: number; at: number } {
    const { ratePerSecond, burst } = this.limits[group]
    const key = `${accountId}\u0000${group}`
    const now = this.nowMs()
    const b = this.buckets.get(key) ?? { tokens: burst, at: now }
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * ratePerSecond)
    b.at = now
    this.buckets.set(key, b)
    return b
  }
}
