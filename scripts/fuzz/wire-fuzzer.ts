import fc from 'fast-check'
import { generateKeyPairSync } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { verifyChains } from '../../projections/audit/verify.ts'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { signedQuery, type RawKey } from '../../spec/support/signed-request.ts'
import { OPERATIONS, type Param, type World } from './operations.ts'

// The wire fuzzer (issue 20, item 5; docs/testing.md "Wire fuzzer"): valid, correctly signed requests for every
// declared action, each with one to three mutations, sent one at a time to a real server. Properties:
// no 5xx, every answer within 1 s, the server alive, a value the declarations call invalid never answered
// 2xx, nothing but audit records stored by a refused request, and `audit verify` intact at the end.

/** A mutation, kept as data so that a run can be replayed from its seed and printed as one line. */

/**
 * A refused request that carried a ClientToken leaves its token's claim taken and released (application/
 * idempotency.ts): bookkeeping of the token, which is free again, not an effect of the request. Anything else
 * stored, or a claim left taken or answered, is still a finding.
 */
const withoutReleasedClaims = <E extends { readonly streamId: string; readonly type: string }>(events: readonly E[]): E[] => {
  const released = new Set(events.filter((e) => e.type === 'IdempotencyReleased').map((e) => e.streamId))
  return events.filter((e) => !(released.has(e.streamId) && (e.type === 'IdempotencyClaimed' || e.type === 'IdempotencyReleased')))
}

export type Mutation =
  | { readonly op: 'set'; readonly param: string; readonly value: string }
  | { readonly op: 'drop'; readonly param: string }
  | { readonly op: 'lookalike'; readonly param: string; readonly how: number }
  | { readonly op: 'extra'; readonly param: string; readonly value: string }

export interface FuzzRequest {
  readonly action: string
  /** Valid values; `{{name}}` stands for the World's real id of that name. */
  readonly params: Readonly<Record<string, string>>
  readonly mutations: readonly Mutation[]
}

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'toString', 'prototype', 'isPrototypeOf', '__defineGetter__']
const BOUNDARY_NUMBERS = [
  '-1',
  '0',
  '1',
  '-0',
  '1.5',
  '1e3',
  '0x10',
  '2147483647',
  '2147483648',
  '4294967296',
  '9007199254740993',
  '9'.repeat(40),
  'NaN',
  'Infinity',
  ' 1',
  '1 ',
  '+1',
  '01',
]
const UNICODE = ['é', '𝒦', '\u202e', '\u0000', 'a\u0301', '\ufeff', '💥', 'ＫＥＹ', '\n', '\r\n', '\t', '%00', '%']
const TYPE_CONFUSION = [
  '[]',
  '{}',
  '[1,2]',
  '{"a":1}',
  'null',
  'true',
  '1',
  '""',
  '[""]',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{}}}',
]
const BAD_JSON = ['{', '[1,', '{"a":}', "{'a':'b'}", '{"a":"b",}', '[', '"unterminated', '{"a":"b"}x', 'NaN']
const BAD_BASE64 = ['abc', '====', 'YQ', 'YQ=', '@@@@', '-_-_', 'YWJj\n', 'YW Jj', 'Y', 'YWJjZA===', '%59%51%3D%3D']
const LONG = ['x'.repeat(10_000), 'é'.repeat(5_000), '9'.repeat(5_000)]

const valueArb = fc.oneof(
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.constantFrom(...BOUNDARY_NUMBERS),
  fc.constantFrom(...UNICODE),
  fc.constantFrom(...TYPE_CONFUSION),
  fc.constantFrom(...BAD_JSON),
  fc.constantFrom(...BAD_BASE64),
  fc.constantFrom(...LONG),
  fc.constant(''),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
)

const placeholders: World = {
  symmetricKey: '{{symmetricKey}}',
  rsaKey: '{{rsaKey}}',
  rsaVersion: '{{rsaVersion}}',
  ecKey: '{{ecKey}}',
  ecVersion: '{{ecVersion}}',
  hmacKey: '{{hmacKey}}',
  blob: '{{blob}}',
  alias: '{{alias}}',
  rsaSpki: '{{rsaSpki}}',
}

/** Valid parameters for one action: every required one, each optional one half the time. */
const validParams = (declared: readonly Param[]): fc.Arbitrary<Record<string, string>> =>
  fc
    .tuple(
      ...declared.map((p) =>
        p.required
          ? p.valid(placeholders).map((v) => [p.name, v] as const)
          : fc.option(
              p.valid(placeholders).map((v) => [p.name, v] as const),
              { nil: undefined },
            ),
      ),
    )
    .map((pairs) => Object.fromEntries(pairs.filter((x): x is readonly [string, string] => x !== undefined)))

const BAD_INSTANTS = [
  '2025-02-30T00:00:00Z',
  '2025-13-01T00:00:00Z',
  '2025-01-01T24:00:01Z',
  '2025-01-01',
  '2025-01-01T00:00:00',
  'yesterday',
  '0',
  '2025-01-01T00:00:60Z',
]

/** Values aimed at one kind of parameter, on top of the general ones: what its decoder must refuse. */
const aimedAt = (p: Param): fc.Arbitrary<string> => {
  const near = (p.values ?? ['true']).flatMap((v) => [
    v.toLowerCase(),
    v.toUpperCase(),
    ` ${v}`,
    `${v} `,
    `${v}\u0000`,
    JSON.stringify([v]),
    `${v},${v}`,
  ])
  switch (p.kind) {
    case 'boolean':
    case 'enum':
      return fc.oneof(
        fc.constantFrom(...PROTOTYPE_NAMES),
        fc.constantFrom(...near),
        fc.constantFrom(...TYPE_CONFUSION),
        fc.constant('x'.repeat(50_000)),
      )
    case 'int':
      return fc.oneof(fc.constantFrom(...BOUNDARY_NUMBERS), fc.integer().map(String), fc.constantFrom(...PROTOTYPE_NAMES))
    case 'base64':
      return fc.oneof(
        fc.constantFrom(...BAD_BASE64),
        fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a).toString('base64')),
      )
    case 'json':
      return fc.oneof(fc.constantFrom(...BAD_JSON), fc.constantFrom(...TYPE_CONFUSION), fc.json())
    case 'instant':
      return fc.constantFrom(...BAD_INSTANTS)
    case 'keyId':
    case 'versionId':
    case 'alias':
      return fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.constantFrom(...UNICODE))
    default:
      return valueArb
  }
}

const mutationOf = (declared: readonly Param[]): fc.Arbitrary<Mutation> => {
  const names = declared.length ? declared.map((p) => p.name) : ['KeyId']
  const name = fc.constantFrom(...names)
  const aimed = declared.length
    ? fc.constantFrom(...declared).chain((p) => aimedAt(p).map((value): Mutation => ({ op: 'set', param: p.name, value })))
    : fc.record({ op: fc.constant('set' as const), param: name, value: valueArb })
  return fc.oneof(
    { weight: 6, arbitrary: aimed },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('set' as const), param: name, value: valueArb }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('drop' as const), param: name }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('lookalike' as const), param: name, how: fc.nat(7) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('extra' as const),
        param: fc.constantFrom(...PROTOTYPE_NAMES, 'Action', 'KeyId.1', 'Tag.0.Key', 'EncryptionContext.__proto__'),
        value: valueArb,
      }),
    },
  )
}

export const requestArb: fc.Arbitrary<FuzzRequest> = fc.constantFrom(...Object.keys(OPERATIONS)).chain((action) => {
  const declared = OPERATIONS[action]!
  return fc.record({
    action: fc.constant(action),
    params: validParams(declared),
    mutations: fc.oneof(
      fc.array(mutationOf(declared), { minLength: 1, maxLength: 1 }),
      fc.array(mutationOf(declared), { minLength: 2, maxLength: 3 }),
    ),
  })
})

/** An id that looks like the real one and is not: another case, a homoglyph, a space, one letter changed… */
const lookalike = (v: string, how: number): string => {
  switch (how) {
    case 0:
      return v.toUpperCase()
    case 1:
      return v.replace(/o/, 'о') // Cyrillic o
    case 2:
      return `${v} `
    case 3:
      return `${v}\n`
    case 4: {
      // by code point: cutting a surrogate pair in half would make a string no client can encode
      const cps = Array.from(v)
      return cps.slice(0, -1).join('') + (v.endsWith('a') ? 'b' : 'a')
    }
    case 5:
      return `alias/${v}`
    case 6:
      return v.replace(/^key-/, 'key_')
    default:
      return `acs:kms:cn-hangzhou:6543210987654321:key/${v}`
  }
}

const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const BOOLEAN = new Set(['true', 'false', 'True', 'False', 'TRUE', 'FALSE'])

/** True when the declarations say this value cannot be right for the parameter (the oracle for "never 2xx"). */
export const certainlyInvalid = (p: Param, value: string | undefined): boolean => {
  if (value === undefined) return p.required
  if (value === '') return p.required && p.kind !== 'text'
  switch (p.kind) {
    case 'boolean':
      return !BOOLEAN.has(value)
    case 'enum':
      return !(p.values ?? []).includes(value)
    case 'int': {
      if (!/^[0-9]{1,9}$/.test(value)) return true
      const n = Number(value)
      return n < p.range![0] || n > p.range![1]
    }
    case 'base64':
      return !CANONICAL_BASE64.test(value)
    case 'instant':
      return !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)
    case 'keyId':
    case 'versionId':
      return PROTOTYPE_NAMES.includes(value)
    default:
      return false
  }
}

/** The concrete parameters of a request on this world, and whether a mutation made it certainly invalid. */
export const materialize = (r: FuzzRequest, w: World): { params: Map<string, string>; invalid: boolean } => {
  const real = (v: string) => v.replace(/\{\{(\w+)\}\}/g, (_, k: string) => (w as unknown as Record<string, string>)[k] ?? '')
  const params = new Map<string, string>([['Action', r.action], ...Object.entries(r.params).map(([k, v]): [string, string] => [k, real(v)])])
  let invalid = false
  const declared = OPERATIONS[r.action] ?? []
  for (const m of r.mutations) {
    const p = declared.find((d) => d.name === m.param)
    if (m.op === 'set') params.set(m.param, m.value)
    else if (m.op === 'drop') params.delete(m.param)
    else if (m.op === 'extra') params.set(m.param, m.value)
    else {
      const v = params.get(m.param)
      if (v === undefined || (p?.kind !== 'keyId' && p?.kind !== 'versionId')) continue
      params.set(m.param, lookalike(v, m.how))
    }
    if (p && m.op !== 'extra' && m.op !== 'lookalike' && certainlyInvalid(p, params.get(m.param))) invalid = true
  }
  // A later mutation may have restored a valid value; only the final state decides.
  invalid = invalid && declared.some((p) => certainlyInvalid(p, params.get(p.name)))
  return { params, invalid }
}

export interface Finding {
  readonly index: number
  readonly property: string
  readonly detail: string
  readonly request: FuzzRequest
}

export interface FuzzTarget {
  readonly baseUrl: string
  readonly key: RawKey
  readonly store: EventStore
}

const post = (t: FuzzTarget, body: string) =>
  fetch(`${t.baseUrl}/`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })

const send = async (t: FuzzTarget, params: Map<string, string>) => {
  const started = performance.now()
  let res: Response
  try {
    res = await post(t, signedQuery(t.key, Object.fromEntries(params)))
  } catch {
    // A kept-alive socket the server closed while idle fails once on the client (undici); a fresh request
    // (new nonce) on a new socket tells that apart from a server that stopped answering.
    res = await post(t, signedQuery(t.key, Object.fromEntries(params)))
  }
  const text = await res.text()
  return { status: res.status, text, ms: performance.now() - started }
}

const ok = async (t: FuzzTarget, params: Record<string, string>): Promise<Record<string, unknown>> => {
  const r = await send(t, new Map(Object.entries(params)))
  if (r.status !== 200) throw new Error(`fuzz world: ${params['Action']} answered ${r.status} ${r.text}`)
  return JSON.parse(r.text) as Record<string, unknown>
}

/** The keys, versions, blob and alias the valid requests name, made through the API itself. */
export const makeWorld = async (t: FuzzTarget): Promise<World> => {
  const meta = (r: Record<string, unknown>) => r['KeyMetadata'] as { KeyId: string; PrimaryKeyVersion?: string }
  const symmetricKey = meta(await ok(t, { Action: 'CreateKey' })).KeyId
  const rsa = meta(await ok(t, { Action: 'CreateKey', KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT/DECRYPT' }))
  const ec = meta(await ok(t, { Action: 'CreateKey', KeySpec: 'EC_P256', KeyUsage: 'SIGN/VERIFY' }))
  const hmacKey = meta(await ok(t, { Action: 'CreateKey', KeySpec: 'HMAC_SHA256', KeyUsage: 'GENERATE/VERIFY_MAC' })).KeyId
  const versionOf = async (keyId: string) =>
    ((await ok(t, { Action: 'ListKeyVersions', KeyId: keyId })) as { KeyVersions: { KeyVersion: { KeyVersionId: string }[] } }).KeyVersions
      .KeyVersion[0]!.KeyVersionId
  const blob = (await ok(t, { Action: 'GenerateDataKeyWithoutPlaintext', KeyId: symmetricKey }))['CiphertextBlob'] as string
  const alias = `alias/fuzz-${symmetricKey.slice(-6)}`
  await ok(t, { Action: 'CreateAlias', KeyId: symmetricKey, AliasName: alias })
  const rsaSpki = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64')
  return {
    symmetricKey,
    rsaKey: rsa.KeyId,
    rsaVersion: await versionOf(rsa.KeyId),
    ecKey: ec.KeyId,
    ecVersion: await versionOf(ec.KeyId),
    hmacKey,
    blob,
    alias,
    rsaSpki,
  }
}

export const LATENCY_LIMIT_MS = 1000

/**
 * How long an answer may wait by design: a ListKeyEvents long-poll that was accepted (200) holds the answer up to
 * its WaitSeconds (docs/key-events.md), so that much is added to the latency bound; nothing for any other call.
 */
export const longPollMs = (params: ReadonlyMap<string, string>, status: number): number => {
  const wait = Number(params.get('WaitSeconds'))
  return params.get('Action') === 'ListKeyEvents' && status === 200 && Number.isFinite(wait) && wait > 0 ? wait * 1000 : 0
}

/** Sends `requests` generated from `seed` (or only the one at `only`) and returns what broke a property. */
export const fuzz = async (
  t: FuzzTarget,
  o: {
    seed: number
    requests: number
    only?: number
    latencyLimitMs?: number
    onProgress?: (done: number) => void
    /** Each finding as it is found (a long run interrupted still reports what it found). */
    onFinding?: (f: Finding) => void
    onAnswer?: (params: Map<string, string>, status: number, body: string) => void
  },
): Promise<Finding[]> => {
  const world = await makeWorld(t)
  const requests = fc.sample(requestArb, { seed: o.seed, numRuns: o.requests })
  const findings: Finding[] = []
  for (const [index, request] of requests.entries()) {
    if (o.only !== undefined && index !== o.only) continue
    const { params, invalid } = materialize(request, world)
    const before = await t.store.headPosition()
    const found = (property: string, detail: string) => {
      const f = { index, property, detail, request }
      findings.push(f)
      o.onFinding?.(f)
    }
    let r: Awaited<ReturnType<typeof send>>
    try {
      r = await send(t, params)
    } catch (e) {
      found('server alive', e instanceof Error ? `${e.message} ${(e as { cause?: Error }).cause?.message ?? ''}` : String(e))
      break
    }
    o.onAnswer?.(params, r.status, r.text)
    if (r.status >= 500) found('no 5xx', `${r.status} ${r.text.slice(0, 300)}`)
    if (o.latencyLimitMs !== undefined && r.ms > o.latencyLimitMs + longPollMs(params, r.status))
      found(`answer within ${o.latencyLimitMs} ms`, `${Math.round(r.ms)} ms`)
    if (invalid && r.status < 300) found('invalid value never 2xx', `${r.status} ${r.text.slice(0, 300)}`)
    if (r.status >= 400) {
      const stored = withoutReleasedClaims((await t.store.readAll({ after: before })).filter((e) => e.type !== 'ActionInvoked'))
      if (stored.length) found('nothing stored by a refused request', stored.map((e) => `${e.streamId}:${e.type}`).join(', '))
    }
    o.onProgress?.(index + 1)
  }
  const alive = await send(
    t,
    new Map([
      ['Action', 'DescribeKey'],
      ['KeyId', world.symmetricKey],
    ]),
  ).catch(() => undefined)
  if (alive?.status !== 200)
    findings.push({
      index: -1,
      property: 'server alive',
      detail: `DescribeKey answered ${alive?.status ?? 'nothing'}`,
      request: { action: 'DescribeKey', params: {}, mutations: [] },
    })
  const report = verifyChains(await t.store.readAll())
  if (report.breaks.length)
    findings.push({
      index: -1,
      property: 'audit verify intact',
      detail: JSON.stringify(report.breaks.slice(0, 3)),
      request: { action: '-', params: {}, mutations: [] },
    })
  return findings
}

/** One line that reproduces a finding. */
export const reproduction = (f: Finding, seed: number, requests: number): string =>
  `npm run fuzz -- --seed ${seed} --requests ${requests} --only ${f.index}   # ${f.property}: ${f.request.action} ${JSON.stringify(f.request.params)} ${JSON.stringify(f.request.mutations)} → ${f.detail.slice(0, 200)}`
