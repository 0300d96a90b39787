import type { KmsError } from '../../domain/errors.ts'

// Throttling per account and action group (issue 13 item 9; docs/operations.md "Throttling"): a token bucket per
// (account, group) refills at `ratePerSecond` up to `burst`; a call finding it empty is answered the cloud API's
// `429 Rejected.Throttling` "QPS Limit Exceeded" before any work. Buckets live in the process: with
// `serve --workers N` each worker has its own, so an account may reach N times the limit (documented).

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

export class Throttle {
  private readonly limits: Record<ActionGroup, Bucket>
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(limits: ThrottleLimits = {}, private readonly nowMs: () => number = () => performance.now()) {
    const merge = (g: ActionGroup): Bucket => ({ ...DEFAULT_LIMITS[g], ...limits[g] })
    this.limits = { cryptographic: merge('cryptographic'), management: merge('management'), read: merge('read') }
  }

  /** Takes one token for the call; false when the account's bucket for the action's group is empty. */
  take(accountId: string, action: string): boolean {
    const group = groupOf(action)
    const { ratePerSecond, burst } = this.limits[group]
    const key = `${accountId}\u0000${group}`
    const now = this.nowMs()
    const b = this.buckets.get(key) ?? { tokens: burst, at: now }
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * ratePerSecond)
    b.at = now
    this.buckets.set(key, b)
    if (b.tokens < 1) return false
    b.tokens -= 1
    return true
  }
}
