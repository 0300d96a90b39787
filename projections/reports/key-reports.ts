import { isSymmetric } from '../../domain/values/key-spec.ts'
import { nextRotationDate, type KeyState } from '../../domain/key/state.ts'
import { shownLastCall } from '../usage/last-call.ts'
import { usageOf, type ReportInput } from './inputs.ts'
import type { Cell } from './table.ts'

// One function per report: which keys it lists and what it says of each. Deleted keys are listed by none
// (their material is gone), except the inventory, which counts them.

export interface ReportOptions {
  /** `unused`: days without a call. */
  readonly days?: number
  /** `missing-tags`: tag keys every key must carry. */
  readonly requireTags?: readonly string[]
}

export interface ReportDefinition {
  readonly title: string
  readonly columns: readonly string[]
  readonly rows: (input: ReportInput, options: ReportOptions) => Record<string, Cell>[]
}

const DAY_MS = 86_400_000
const live = (input: ReportInput): KeyState[] => input.keys.filter((k) => k.status !== 'Deleted')
const base = (k: KeyState) => ({ KeyId: k.keyId, KeySpec: k.spec, KeyState: k.status })
const byKeyId = (a: { KeyId: Cell }, b: { KeyId: Cell }) => String(a.KeyId).localeCompare(String(b.KeyId))

/**
 * Automatic rotation applies to symmetric keys whose material KMS made, outside hardware instances and the
 * default key's fixed schedule (API reference §5.4); only those can be faulted for not rotating.
 */
export const rotatable = (k: KeyState): boolean =>
  isSymmetric(k.spec) && k.origin === 'Aliyun_KMS' && k.kind !== 'hardware' && k.kind !== 'default'

const accountsOf = (policy: string): string[] | undefined => {
  try {
    const doc = JSON.parse(policy) as { Statement?: { Effect?: string; Principal?: { RAM?: unknown } }[] }
    const principals = (doc.Statement ?? []).filter((s) => s.Effect === 'Allow')
      .flatMap((s) => (Array.isArray(s.Principal?.RAM) ? (s.Principal.RAM as unknown[]) : []))
      .filter((p): p is string => typeof p === 'string')
    return principals.map((p) => /^acs:ram::([^:]*):/.exec(p)?.[1] ?? '?')
  } catch {
    return undefined
  }
}

/**
 * Weak or legacy choices, and why:
 * - RSA_2048: 112-bit security; NIST SP 800-57 Pt 1 r5 retires it after 2030. Existing keys may stay; new keys
 *   should be RSA_3072 or larger.
 * - calls with RSAES_OAEP_SHA_1: OAEP over SHA-1 is kept for compatibility (SoftHSM accepts only it,
 *   docs/architecture.md §5); new callers should use RSAES_OAEP_SHA_256.
 * - calls with RSAES_PKCS1_V1_5 (import wrapping): padding-oracle prone; prefer OAEP.
 */
export const LEGACY_SPECS: Readonly<Record<string, string>> = { RSA_2048: 'RSA_2048 gives 112-bit security (NIST SP 800-57: until 2030); use RSA_3072+ for new keys' }
export const LEGACY_ALGORITHMS: Readonly<Record<string, string>> = {
  RSAES_OAEP_SHA_1: 'OAEP with SHA-1; use RSAES_OAEP_SHA_256',
  RSAES_PKCS1_V1_5: 'PKCS#1 v1.5 encryption padding; use OAEP',
}

export const REPORTS: Readonly<Record<string, ReportDefinition>> = {
  'no-rotation': {
    title: 'Keys without automatic rotation',
    columns: ['KeyId', 'KeySpec', 'KeyState', 'CreationDate', 'LastRotationDate'],
    rows: (input) => live(input).filter((k) => rotatable(k) && !k.rotation.enabled)
      .map((k) => ({ ...base(k), CreationDate: k.createdAt, LastRotationDate: k.lastRotationDate })),
  },
  'rotation-overdue': {
    title: 'Keys overdue for rotation',
    columns: ['KeyId', 'KeySpec', 'KeyState', 'LastRotationDate', 'NextRotationDate', 'DaysOverdue'],
    rows: (input) => live(input).flatMap((k) => {
      const next = nextRotationDate(k)
      if (!next || Date.parse(next) >= input.at.getTime()) return []
      return [{ ...base(k), LastRotationDate: k.lastRotationDate, NextRotationDate: next,
        DaysOverdue: Math.floor((input.at.getTime() - Date.parse(next)) / DAY_MS) }]
    }),
  },
  'no-deletion-protection': {
    title: 'Keys without deletion protection',
    columns: ['KeyId', 'KeySpec', 'KeyState', 'CreationDate'],
    rows: (input) => live(input).filter((k) => !k.deletionProtection.enabled).map((k) => ({ ...base(k), CreationDate: k.createdAt })),
  },
  'pending-deletion': {
    title: 'Keys pending deletion',
    columns: ['KeyId', 'KeySpec', 'DeleteDate', 'DaysLeft', 'LastCallTime'],
    rows: (input) => live(input).filter((k) => k.status === 'PendingDeletion').map((k) => ({
      KeyId: k.keyId, KeySpec: k.spec, DeleteDate: k.deleteDate,
      DaysLeft: k.deleteDate ? Math.max(0, Math.ceil((Date.parse(k.deleteDate) - input.at.getTime()) / DAY_MS)) : null,
      LastCallTime: shownLastCall(usageOf(input, k.keyId).lastCallAt, input.at),
    })),
  },
  'disabled-still-called': {
    title: 'Disabled keys still called',
    columns: ['KeyId', 'KeySpec', 'DisabledSince', 'CallsSinceDisabled', 'LastCallTime'],
    rows: (input) => live(input).filter((k) => k.status === 'Disabled').flatMap((k) => {
      const since = input.disabledSince.get(k.keyId)
      const u = usageOf(input, k.keyId)
      if (u.callsWhileDisabled === 0 || !since) return []
      return [{ KeyId: k.keyId, KeySpec: k.spec, DisabledSince: since, CallsSinceDisabled: u.callsWhileDisabled, LastCallTime: u.lastCallWhileDisabled }]
    }),
  },
  unused: {
    title: 'Keys unused for N days',
    columns: ['KeyId', 'KeySpec', 'KeyState', 'CreationDate', 'LastCallTime', 'Usage'],
    rows: (input, o) => {
      const days = o.days ?? 90
      const cutoff = input.at.getTime() - days * DAY_MS
      return live(input).flatMap((k) => {
        // A key younger than the period cannot have been unused for all of it.
        if (Date.parse(k.createdAt) > cutoff) return []
        const last = usageOf(input, k.keyId).lastCallAt
        if (last && Date.parse(last) > cutoff) return []
        const shown = shownLastCall(last, input.at)
        return [{ ...base(k), CreationDate: k.createdAt, LastCallTime: shown,
          Usage: shown ? `last call ${shown}` : last ? 'no call within 365 days' : 'never called since tracking began' }]
      })
    },
  },
  'cross-account': {
    title: 'Keys open to other accounts',
    columns: ['KeyId', 'KeySpec', 'KeyState', 'Account', 'OtherAccounts'],
    rows: (input) => live(input).flatMap((k) => {
      const accounts = accountsOf(k.policy)
      if (accounts === undefined) return [{ ...base(k), Account: k.accountId, OtherAccounts: 'policy unreadable' }]
      const others = [...new Set(accounts.filter((a) => a !== k.accountId))].sort()
      return others.length ? [{ ...base(k), Account: k.accountId, OtherAccounts: others.join(' ') }] : []
    }),
  },
  'missing-tags': {
    title: 'Keys missing required tags',
    columns: ['KeyId', 'KeySpec', 'KeyState', 'MissingTags'],
    rows: (input, o) => live(input).flatMap((k) => {
      const missing = (o.requireTags ?? []).filter((t) => !(t in k.tags))
      return missing.length ? [{ ...base(k), MissingTags: missing.join(',') }] : []
    }),
  },
  'weak-specs': {
    title: 'Weak or legacy key specs and algorithms',
    columns: ['KeyId', 'KeySpec', 'KeyState', 'Finding', 'LastCallTime'],
    rows: (input) => live(input).flatMap((k) => {
      const out: Record<string, Cell>[] = []
      const spec = LEGACY_SPECS[k.spec]
      if (spec) out.push({ ...base(k), Finding: spec, LastCallTime: shownLastCall(usageOf(input, k.keyId).lastCallAt, input.at) })
      for (const [alg, last] of Object.entries(usageOf(input, k.keyId).algorithms)) {
        const why = LEGACY_ALGORITHMS[alg]
        if (why) out.push({ ...base(k), Finding: `${alg} in use: ${why}`, LastCallTime: shownLastCall(last, input.at) })
      }
      return out
    }),
  },
  inventory: {
    title: 'Keys per key spec',
    columns: ['KeySpec', 'Enabled', 'Disabled', 'PendingDeletion', 'PendingImport', 'Deleted', 'Total'],
    rows: (input) => {
      const by = new Map<string, Record<string, number>>()
      for (const k of input.keys) {
        const r = by.get(k.spec) ?? { Enabled: 0, Disabled: 0, PendingDeletion: 0, PendingImport: 0, Deleted: 0, Total: 0 }
        r[k.status] = (r[k.status] ?? 0) + 1
        r.Total = (r.Total ?? 0) + 1
        by.set(k.spec, r)
      }
      return [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([spec, counts]) => ({ KeySpec: spec, ...counts }))
    },
  },
}

export const sortRows = (name: string, rows: Record<string, Cell>[]): Record<string, Cell>[] =>
  name === 'inventory' ? rows : [...rows].sort((a, b) => byKeyId(a as { KeyId: Cell }, b as { KeyId: Cell }))
