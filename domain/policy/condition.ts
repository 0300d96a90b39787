import { BlockList, isIP } from 'node:net'
import { parseInstant } from '../values/instant.ts'

// Policy `Condition` blocks (issue 15 item 3, docs/key-policy-conditions.md): `{ "<Operator>": { "<key>": value |
// [values] } }`, with the semantics AWS IAM and Alibaba RAM share:
// - every operator in a block, and every key under an operator, must hold (AND); the values listed for one key are
//   alternatives (OR); a negated operator (StringNotEquals, StringNotLike, NotIpAddress, DateNotEquals) holds when
//   the request's value matches none of them;
// - a key the request does not carry: a positive operator does not hold, a negated one does (nothing there equals
//   the listed values), and the `…IfExists` form of either holds;
// - an operator or key keyledger does not know is refused when the policy is set (`conditionProblem`); one that
//   reaches evaluation anyway (a policy stored before conditions were checked) makes its statement unreadable,
//   which authorize.ts treats as "an Allow grants nothing, a Deny refuses": never silently ignored.
// Pure: the request's facts come in as a `ConditionContext` the application builds (application/access).

/** What a request carries for conditions; a field left out is a key the request does not have. */
export interface ConditionContext {
  /** `acs:CurrentTime`: the request's time. */
  readonly currentTime: Date
  /** `acs:SourceIp`: the address the request came from. */
  readonly sourceIp?: string
  /** `acs:SecureTransport`: whether it came over TLS. */
  readonly secureTransport?: boolean
  /** `kms:EncryptionContext:<k>`: the request's encryption context. */
  readonly encryptionContext?: Readonly<Record<string, string>>
  /** `kms:EncryptionAlgorithm`: the algorithm the request names. */
  readonly encryptionAlgorithm?: string
  /** `kms:ViaService`: the cloud service the call comes through (the signed x-acs-caller-service). */
  readonly viaService?: string
}

type ValueKind = 'string' | 'ip' | 'date' | 'bool'

interface KeyDef { readonly kind: ValueKind; readonly read: (ctx: ConditionContext, suffix: string) => string | undefined }

// Condition keys are case-insensitive (as in RAM and IAM); the encryption context key after the prefix is not.
const KEYS: Readonly<Record<string, KeyDef>> = {
  'acs:sourceip': { kind: 'ip', read: (c) => c.sourceIp },
  'acs:currenttime': { kind: 'date', read: (c) => c.currentTime.toISOString() },
  'acs:securetransport': { kind: 'bool', read: (c) => (c.secureTransport === undefined ? undefined : String(c.secureTransport)) },
  'kms:encryptionalgorithm': { kind: 'string', read: (c) => c.encryptionAlgorithm },
  'kms:viaservice': { kind: 'string', read: (c) => c.viaService },
}
const ENCRYPTION_CONTEXT = 'kms:encryptioncontext:'
const encryptionContextKey: KeyDef = {
  kind: 'string',
  read: (c, k) => (c.encryptionContext && Object.hasOwn(c.encryptionContext, k) ? c.encryptionContext[k] : undefined),
}

const keyDef = (key: string): { def: KeyDef; suffix: string } | undefined => {
  const lower = key.toLowerCase()
  if (lower.startsWith(ENCRYPTION_CONTEXT) && key.length > ENCRYPTION_CONTEXT.length)
    return { def: encryptionContextKey, suffix: key.slice(ENCRYPTION_CONTEXT.length) }
  const def = Object.hasOwn(KEYS, lower) ? KEYS[lower] : undefined
  return def ? { def, suffix: '' } : undefined
}

/** `*` any run, `?` one character, everything else literal (StringLike). */
const likeMatches = (pattern: string, text: string): boolean =>
  new RegExp(`^${pattern.split('').map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\/]/g, '\\$&'))).join('')}$`, 's').test(text)

/** An address or CIDR block, IPv4 or IPv6; an IPv4 address seen as IPv6 (`::ffff:a.b.c.d`) counts as IPv4. */
const ipRange = (text: string): BlockList | undefined => {
  const [address, prefixText, ...rest] = text.split('/')
  const family = isIP(address ?? '')
  if (rest.length > 0 || family === 0) return undefined
  const type = family === 4 ? 'ipv4' : 'ipv6'
  const max = family === 4 ? 32 : 128
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN
  if (!(prefix >= 0 && prefix <= max)) return undefined
  const list = new BlockList()
  list.addSubnet(address!, prefix, type)
  return list
}
const unmapped = (ip: string): string => (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) ? ip.slice(7) : ip)
const ipIn = (range: string, ip: string): boolean => {
  const list = ipRange(range)
  const a = unmapped(ip)
  const family = isIP(a)
  return list !== undefined && family !== 0 && list.check(a, family === 4 ? 'ipv4' : 'ipv6')
}

const time = (text: string): number | undefined => parseInstant(text)?.getTime()
const compareDates = (test: (actual: number, expected: number) => boolean) => (actual: string, expected: string): boolean => {
  const a = time(actual)
  const e = time(expected)
  return a !== undefined && e !== undefined && test(a, e)
}

interface OperatorDef {
  readonly kind: ValueKind
  /** Holds when the value matches none of the listed ones, and when the key is missing. */
  readonly negated: boolean
  readonly matches: (actual: string, expected: string) => boolean
}

const OPERATORS: Readonly<Record<string, OperatorDef>> = {
  StringEquals: { kind: 'string', negated: false, matches: (a, e) => a === e },
  StringNotEquals: { kind: 'string', negated: true, matches: (a, e) => a === e },
  StringEqualsIgnoreCase: { kind: 'string', negated: false, matches: (a, e) => a.toLowerCase() === e.toLowerCase() },
  StringNotEqualsIgnoreCase: { kind: 'string', negated: true, matches: (a, e) => a.toLowerCase() === e.toLowerCase() },
  StringLike: { kind: 'string', negated: false, matches: (a, e) => likeMatches(e, a) },
  StringNotLike: { kind: 'string', negated: true, matches: (a, e) => likeMatches(e, a) },
  IpAddress: { kind: 'ip', negated: false, matches: (a, e) => ipIn(e, a) },
  NotIpAddress: { kind: 'ip', negated: true, matches: (a, e) => ipIn(e, a) },
  DateEquals: { kind: 'date', negated: false, matches: compareDates((a, e) => a === e) },
  DateNotEquals: { kind: 'date', negated: true, matches: compareDates((a, e) => a === e) },
  DateLessThan: { kind: 'date', negated: false, matches: compareDates((a, e) => a < e) },
  DateLessThanEquals: { kind: 'date', negated: false, matches: compareDates((a, e) => a <= e) },
  DateGreaterThan: { kind: 'date', negated: false, matches: compareDates((a, e) => a > e) },
  DateGreaterThanEquals: { kind: 'date', negated: false, matches: compareDates((a, e) => a >= e) },
  Bool: { kind: 'bool', negated: false, matches: (a, e) => a === e.toLowerCase() },
}

const IF_EXISTS = 'IfExists'

const operatorDef = (name: string): { def: OperatorDef; ifExists: boolean } | undefined => {
  const ifExists = name.endsWith(IF_EXISTS)
  const base = ifExists ? name.slice(0, -IF_EXISTS.length) : name
  const def = Object.hasOwn(OPERATORS, base) ? OPERATORS[base] : undefined
  return def ? { def, ifExists } : undefined
}

export const conditionOperators: readonly string[] = Object.keys(OPERATORS)
export const conditionKeys: readonly string[] = ['acs:SourceIp', 'acs:CurrentTime', 'acs:SecureTransport', 'kms:EncryptionContext:<key>', 'kms:EncryptionAlgorithm', 'kms:ViaService']

const valuesOf = (v: unknown): string[] | undefined => {
  const scalar = (x: unknown) => (typeof x === 'string' ? x : typeof x === 'boolean' || typeof x === 'number' ? String(x) : undefined)
  const list = Array.isArray(v) ? v.map(scalar) : [scalar(v)]
  return list.length > 0 && list.every((x) => x !== undefined) ? list : undefined
}

const VALUE_CHECKS: Readonly<Record<ValueKind, { readonly ok: (v: string) => boolean; readonly what: string }>> = {
  string: { ok: () => true, what: 'a string' },
  ip: { ok: (v) => ipRange(v) !== undefined, what: 'an IPv4 or IPv6 address or CIDR block (192.168.0.0/16)' },
  date: { ok: (v) => time(v) !== undefined, what: 'an ISO 8601 instant with a zone (2026-01-01T00:00:00Z)' },
  bool: { ok: (v) => v.toLowerCase() === 'true' || v.toLowerCase() === 'false', what: '"true" or "false"' },
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

/**
 * Why a `Condition` block cannot be evaluated (an unknown operator or key, an operator that does not fit its key,
 * a value of the wrong form), or undefined when it can: the message names the operator or key.
 */
export const conditionProblem = (condition: unknown): string | undefined => {
  if (!isRecord(condition) || Object.keys(condition).length === 0) return 'Condition is an object of operators, each an object of condition keys'
  for (const [name, block] of Object.entries(condition)) {
    const op = operatorDef(name)
    if (!op) return `Condition operator ${JSON.stringify(name.slice(0, 64))} is not supported (supported: ${conditionOperators.join(', ')}, each also with IfExists)`
    if (!isRecord(block) || Object.keys(block).length === 0) return `Condition operator ${name} takes an object of condition keys`
    for (const [key, value] of Object.entries(block)) {
      const k = keyDef(key)
      if (!k) return `Condition key ${JSON.stringify(key.slice(0, 128))} is not supported (supported: ${conditionKeys.join(', ')})`
      if (k.def.kind !== op.def.kind) return `Condition operator ${name} does not apply to ${key} (a ${k.def.kind} key)`
      const values = valuesOf(value)
      const check = VALUE_CHECKS[op.def.kind]
      if (!values || !values.every(check.ok)) return `Condition ${name} ${key} takes ${check.what} or a non-empty list of them`
    }
  }
  return undefined
}

/**
 * Whether a statement's `Condition` holds for the request: true when there is none; undefined when it cannot be
 * read (see `conditionProblem`), which the caller must treat as failing closed.
 */
export const conditionHolds = (condition: unknown, ctx: ConditionContext): boolean | undefined => {
  if (condition === undefined) return true
  if (conditionProblem(condition) !== undefined) return undefined
  return Object.entries(condition as Record<string, Record<string, unknown>>).every(([name, block]) => {
    const { def, ifExists } = operatorDef(name)!
    return Object.entries(block).every(([key, value]) => {
      const { def: k, suffix } = keyDef(key)!
      const actual = k.read(ctx, suffix)
      if (actual === undefined) return ifExists || def.negated
      const any = valuesOf(value)!.some((expected) => def.matches(actual, expected))
      return def.negated ? !any : any
    })
  })
}
