import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { connect } from 'node:net'
import { startTestServer, KEY_A } from '../../support/api-server.ts'
import { call, signedQuery } from '../../support/signed-request.ts'
import { popEncode } from '../../../adapters/http/wire/pop-encode.ts'

// A few thousand malformed, oversized, mis-encoded, badly signed and unsigned requests on loopback: every
// answer is a 4xx JSON error with a documented code (docs/http-api.md), never a 5xx, the server keeps serving,
// and no event is stored.

const DOCUMENTED = new Set([
  'IncompleteSignature', 'SignatureDoesNotMatch', 'InvalidAccessKeyId.NotFound', 'IllegalTimestamp', 'InvalidTimeStamp.Expired',
  'SignatureNonceUsed', 'InvalidSecurityToken.NotSupported', 'Forbidden.AccessKey', 'MissingParameter', 'InvalidParameter',
  'ParseRequestParameterException', 'RequestEntityTooLarge', 'RequestHeaderFieldsTooLarge', 'UnsupportedHTTPMethod',
  'InvalidAction.NotFound', 'Forbidden.KeyNotFound', 'Forbidden.AliasNotFound', 'Forbidden.KeyVersionNotFound',
  'Forbidden.ResourceNotFound', 'AliasAlreadyExists', 'Rejected.LimitExceeded', 'Rejected.UnsupportedOperation',
  'Rejected.Disabled', 'Rejected.PendingDeletion', 'Rejected.PendingImport', 'Rejected.StateModifiedFailed',
  'Rejected.DeletionProtection', 'Forbidden.NoPermission',
])

const app = await startTestServer()
const base = app.api.url
let seed = 42
const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n)
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!
const randomText = (n: number): string => Array.from({ length: n }, () => String.fromCharCode(rnd(0x3000))).join('')

let answered = 0
const checkReply = (status: number, contentType: string | null, body: Record<string, unknown>, what: string) => {
  answered++
  assert.ok(status >= 400 && status < 500, `${what}: status ${status} ${JSON.stringify(body)}`)
  assert.is(contentType, 'application/json;charset=utf-8', what)
  assert.ok(DOCUMENTED.has(body['Code'] as string), `${what}: undocumented code ${String(body['Code'])}`)
  assert.is(body['HttpStatus'], status, what)
  assert.type(body['RequestId'], 'string', what)
}

const send = async (path: string, init: RequestInit = {}, what = path) => {
  const res = await fetch(`${base}${path}`, { method: 'POST', ...init })
  checkReply(res.status, res.headers.get('content-type'), (await res.json()) as Record<string, unknown>, what)
}

const signed = async (params: Record<string, string>, what: string) => {
  const r = await call(base, KEY_A, params)
  checkReply(r.status, r.contentType, r.body, what)
}

/** Raw bytes on a socket, for requests fetch refuses to send; the reply is parsed by hand. */
const rawSocket = (bytes: Buffer | string): Promise<{ status: number; contentType: string | null; body: Record<string, unknown> }> =>
  new Promise((resolve, reject) => {
    const s = connect(app.api.port, '127.0.0.1')
    let data = ''
    s.on('data', (d) => (data += d.toString('latin1')))
    s.on('error', reject)
    s.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n')
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)
      const ct = /\r\ncontent-type: ([^\r]+)/i.exec(head)?.[1] ?? null
      try {
        resolve({ status, contentType: ct, body: JSON.parse(body) })
      } catch {
        reject(new Error(`not JSON: ${data.slice(0, 200)}`))
      }
    })
    s.end(bytes)
  })

const existing = (await call(base, KEY_A, { Action: 'CreateKey' })).body as { KeyMetadata: { KeyId: string } }
const KEY = existing.KeyMetadata.KeyId
const before = await app.store.readAll()

const ACTIONS = ['CreateKey', 'DescribeKey', 'EnableKey', 'DisableKey', 'ScheduleKeyDeletion', 'CancelKeyDeletion', 'SetDeletionProtection',
  'UpdateKeyDescription', 'UpdateRotationPolicy', 'DescribeKeyVersion', 'ListKeyVersions', 'CreateKeyVersion', 'CreateAlias', 'UpdateAlias',
  'DeleteAlias', 'ListAliasesByKeyId', 'TagResource', 'UntagResource', 'TagResources', 'UntagResources', 'ListResourceTags',
  'ListTagResources', 'GetKeyPolicy', 'SetKeyPolicy', 'ListKeys', 'ListAliases']
const KEY_ACTIONS = ACTIONS.filter((a) => !['CreateKey', 'ListKeys', 'ListAliases', 'TagResources', 'UntagResources', 'ListTagResources', 'DeleteAlias'].includes(a))
const BAD_KEY_IDS = ['nope', 'key-', `key-${'a'.repeat(300)}`, '../../etc/passwd', '\u0000', 'alias/', 'acs:kms:cn-hangzhou:1:key/x',
  'key-abcdefgh1234567', '00000000-0000-0000-0000-00000000000g', '%', ' ', 'key-abcdefgh12345678\n', 'alias/acs/x', 'acs:kms:xx-yy:1:key/key-abcdefgh12345678']

test('unsigned, badly signed and stale requests are refused with auth codes', async () => {
  for (let i = 0; i < 300; i++) {
    const action = pick(ACTIONS)
    const kind = i % 6
    if (kind === 0) await send(`/?Action=${action}&KeyId=${KEY}`, {}, 'unsigned')
    else if (kind === 1) await send(`/?${signedQuery({ id: KEY_A.id, secret: 'wrong' }, { Action: action, KeyId: KEY })}`, {}, 'wrong secret')
    else if (kind === 2) await send(`/?${signedQuery({ id: `ghost${i}`, secret: 'x' }, { Action: action })}`, {}, 'unknown key')
    else if (kind === 3) await send(`/?${signedQuery(KEY_A, { Action: action, KeyId: KEY }, { now: new Date(Date.now() - 3600_000) })}`, {}, 'stale')
    else if (kind === 4) await send(`/?${signedQuery(KEY_A, { Action: action, SecurityToken: 'sts' })}`, {}, 'sts')
    else await send('/', { headers: { authorization: `ACS3-HMAC-SHA256 Credential=${KEY_A.id},SignedHeaders=host,Signature=${'0'.repeat(64)}`, 'x-acs-action': action } }, 'acs3 garbage')
  }
})

test('signed requests with malformed values for every action are refused before any event', async () => {
  for (let i = 0; i < 900; i++) {
    const action = pick(ACTIONS)
    const params: Record<string, string> = { Action: action }
    switch (rnd(9)) {
      case 0: params['KeyId'] = pick(BAD_KEY_IDS); params['Action'] = pick(KEY_ACTIONS); break
      case 1: Object.assign(params, { KeyId: KEY, PendingWindowInDays: pick(['0', '6', '367', '-7', '7.5', 'x', '1e3', '99999999999']) }); params['Action'] = 'ScheduleKeyDeletion'; break
      case 2: Object.assign(params, { KeyId: KEY, Tags: pick(['[', '{}', '[{"TagKey":""}]', '[{"TagKey":"aliyun","TagValue":"v"}]', `[{"TagKey":"${randomText(5)}#","TagValue":"v"}]`, 'null', '[null]', '[1,2]']) }); params['Action'] = pick(['TagResource', 'CreateKey']); break
      case 3: Object.assign(params, { KeyId: KEY, EnableAutomaticRotation: pick(['true', 'maybe']), RotationInterval: pick(['1d', '366d', '0s', 'd', '10y', '-7d', '7', '99999999999d']) }); params['Action'] = pick(['UpdateRotationPolicy', 'CreateKey']); if (params['EnableAutomaticRotation'] === 'true' && params['Action'] === 'CreateKey') params['KeySpec'] = 'EC_P256'; break
      case 4: Object.assign(params, { KeyId: KEY, AliasName: pick(['alias/', 'alias/a b', 'x/y', `alias/${'a'.repeat(256)}`, 'alias/acs', 'alias/ä', '']) }); params['Action'] = pick(['CreateAlias', 'UpdateAlias', 'DeleteAlias']); break
      case 5: Object.assign(params, { KeyId: KEY, Policy: pick(['{', '{"Version":"1"}', '{"Version":"1","Statement":[{"Effect":"Maybe"}]}', 'x'.repeat(40_000)]) }); params['Action'] = 'SetKeyPolicy'; break
      case 6: Object.assign(params, { KeySpec: pick(['AES', 'RSA_1024', '', 'Aliyun_AES_256 ']), KeyUsage: pick(['SIGN', 'ENCRYPT/DECRYPT']) }); params['Action'] = 'CreateKey'; if (params['KeySpec'] === '') params['KeySpec'] = 'x'; break
      case 7: Object.assign(params, { PageNumber: pick(['0', '-1', 'x', '1.5']), PageSize: pick(['0', '101', 'many']), KeyId: KEY, Filters: pick(['[', '[{"Key":"Nope","Values":["x"]}]']) }); params['Action'] = pick(['ListKeys', 'ListAliases', 'ListKeyVersions', 'ListAliasesByKeyId']); break
      default: Object.assign(params, { RegionId: pick(['cn-shanghai', '']), ResourceType: pick(['secret', 'key']), 'ResourceId.2': KEY, 'Tag.1.Key': 'a' }); params['Action'] = pick(['TagResources', 'UntagResources', 'ListTagResources']); break
    }
    await signed(params, `${params['Action']} ${JSON.stringify(params).slice(0, 120)}`)
  }
})

test('mis-encoded, duplicated, wrong-version and contradictory requests are refused', async () => {
  const forms = [
    '/?Action=DescribeKey&KeyId=%ZZ', '/?Action=DescribeKey&KeyId=%C3%28', '/?A=1&A=2', '/?=x', '/?Action=DescribeKey&KeyId=%',
    `/?${signedQuery(KEY_A, { Action: 'DescribeKey', KeyId: KEY, Version: '2014-05-26' })}`,
    `/?${signedQuery(KEY_A, { Action: 'DescribeKey', KeyId: KEY, Format: 'XML' })}`,
  ]
  for (let i = 0; i < 300; i++) {
    await send(forms[i % forms.length]!, {}, forms[i % forms.length])
    const bytes = Array.from({ length: 1 + rnd(40) }, () => `%${rnd(256).toString(16).padStart(2, '0')}`).join('')
    await send(`/?Action=DescribeKey&KeyId=${bytes}&${bytes}=${bytes}`, {}, `random bytes ${bytes}`)
    await send(`/?${signedQuery(KEY_A, { KeyId: KEY })}`, { headers: { 'x-acs-action': 'DisableKey', 'x-acs-version': '2016-01-20' } }, 'action from an unsigned header')
    await send(`/?${signedQuery(KEY_A, { Action: 'DescribeKey', KeyId: KEY })}`, { headers: { 'x-acs-action': 'DisableKey' } }, 'contradicting header')
  }
})

test('bodies: oversized, not a form, not UTF-8; wrong methods and paths', async () => {
  for (let i = 0; i < 100; i++) {
    await send(`/?${signedQuery(KEY_A, { Action: 'DescribeRegions' })}`, { body: 'A='.padEnd(70_000, 'x'), headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 'oversized')
    await send(`/?${signedQuery(KEY_A, { Action: 'DescribeRegions' })}`, { body: '{"Action":"DescribeRegions"}', headers: { 'content-type': 'application/json' } }, 'json body')
    await send('/', { body: Buffer.from([0x41, 0x3d, 0xff, 0xfe]), headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 'bad utf-8 body')
    await send(`/?${signedQuery(KEY_A, { Action: 'DescribeRegions' })}`, { method: pick(['PUT', 'DELETE', 'PATCH']) }, 'method')
    await send(`/${pick(['x', 'api', 'x/..x', '%2F', 'index.html'])}?${signedQuery(KEY_A, { Action: 'DescribeRegions' })}`, {}, 'path')
    const encoded = `${popEncode('Action')}=DescribeRegions&Signature=${'A'.repeat(rnd(50))}`
    await send('/', { body: encoded, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 'form without the rest')
  }
})

test('requests Node cannot parse still get a JSON 4xx', async () => {
  const cases: (string | Buffer)[] = [
    'GARBAGE\r\n\r\n',
    `POST /?${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
    'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
    Buffer.concat([Buffer.from('POST /?Action=\xff\xfe'.replace(/./g, ''), 'latin1'), Buffer.from([0x50, 0x4f, 0x53, 0x54, 0x20, 0x2f, 0x3f, 0x41, 0x3d, 0xff, 0x20]), Buffer.from('HTTP/1.1\r\nHost: x\r\n\r\n')]),
    'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n',
    'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
  ]
  for (let i = 0; i < 70; i++) {
    const c = cases[i % cases.length]!
    const r = await rawSocket(c)
    checkReply(r.status, r.contentType, r.body, `raw ${String(c).slice(0, 40)}`)
  }
})

test('after all of it: a thousand-odd refusals, no event stored, and the server still serves', async () => {
  assert.ok(answered >= 2500, `only ${answered} requests`)
  const after = await app.store.readAll()
  assert.is(after.length, before.length)
  const ok = await call(base, KEY_A, { Action: 'DescribeKey', KeyId: KEY })
  assert.is(ok.status, 200)
  assert.is((ok.body['KeyMetadata'] as { KeyState: string }).KeyState, 'Enabled')
})

test.after(() => app.close())
test.run()
