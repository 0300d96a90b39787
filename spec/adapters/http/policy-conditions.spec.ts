import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { startApp } from '../../../composition/app.ts'
import { decodeConfig } from '../../../composition/config.ts'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import { ARN, KEYS, O, X, rawConfig, startAuthzServer, usageOf, type Who } from '../../support/authz-server.ts'
import { $kms, kmsClient, openApiClient, popClient, sdkError } from '../../support/sdk-clients.ts'

// Issue 15 item 3 through the HTTP API with the official SDKs: key policy Conditions over the request's source
// address (acs:SourceIp, the socket's peer), its encryption context (kms:EncryptionContext:<k>) and whether it came
// over TLS (acs:SecureTransport); an unknown operator or key is refused when the policy is set.

const app = await startAuthzServer()
const pop = (w: Who) => popClient(app.api.port, KEYS[w])
const call = (w: Who, action: string, params: Record<string, unknown>) => pop(w).request(action, params, { method: 'POST' })
const sdk = (w: Who) => kmsClient(app.api.port, KEYS[w])
const req = (name: string, m: Record<string, unknown>) => new $kms[`${name}Request`]!(m)

const owner = { Sid: 'Owner', Effect: 'Allow', Principal: { RAM: [`acs:ram::${O}:*`] }, Action: ['kms:*'], Resource: ['*'] }
const policy = (...more: object[]) => JSON.stringify({ Version: '1', Statement: [owner, ...more] })
const everyone = { RAM: [`acs:ram::${O}:*`, `acs:ram::${X}:*`] }
const newKey = async (): Promise<string> => (await sdk('oRoot').createKey(req('CreateKey', {}))).keyMetadata.keyId as string
const refused = async (p: Promise<unknown>, code = 'Forbidden.NoPermission') => {
  const e = await sdkError(p)
  assert.is(e.data['Code'], code, JSON.stringify(e.data))
  return e
}

test('acs:SourceIp: an Allow for bob from 127.0.0.0/8 lets his SDK encrypt from loopback; one from 10.0.0.0/8 does not', async () => {
  const keyId = await newKey()
  const bobFrom = (ranges: string[]) => ({ Sid: 'Bob', Effect: 'Allow', Principal: { RAM: [ARN.bob] }, Action: ['kms:Encrypt'], Resource: ['*'], Condition: { IpAddress: { 'acs:SourceIp': ranges } } })
  await call('oRoot', 'SetKeyPolicy', { KeyId: keyId, PolicyName: 'default', Policy: policy(bobFrom(['10.0.0.0/8', '127.0.0.0/8'])) })
  const arn = (await call('oRoot', 'DescribeKey', { KeyId: keyId })).KeyMetadata.Arn as string
  const ct = await sdk('bob').encrypt(req('Encrypt', { keyId: arn, plaintext: 'aGVsbG8=' }))
  assert.ok(ct.ciphertextBlob)
  await call('oRoot', 'SetKeyPolicy', { KeyId: keyId, PolicyName: 'default', Policy: policy(bobFrom(['10.0.0.0/8'])) })
  await refused(sdk('bob').encrypt(req('Encrypt', { keyId: arn, plaintext: 'aGVsbG8=' })))
})

test('acs:SourceIp: a Deny of everything from outside 10.0.0.0/8 (NotIpAddress) refuses even the owner root, and is recorded', async () => {
  const keyId = await newKey()
  const denyOutside = (range: string) => ({ Sid: 'Office', Effect: 'Deny', Principal: everyone, Action: ['kms:Encrypt'], Resource: ['*'], Condition: { NotIpAddress: { 'acs:SourceIp': range } } })
  await call('oRoot', 'SetKeyPolicy', { KeyId: keyId, PolicyName: 'default', Policy: policy(denyOutside('127.0.0.0/8')) })
  await sdk('oRoot').encrypt(req('Encrypt', { keyId, plaintext: 'aGVsbG8=' }))
  await call('oRoot', 'SetKeyPolicy', { KeyId: keyId, PolicyName: 'default', Policy: policy(denyOutside('10.0.0.0/8')) })
  await refused(sdk('oRoot').encrypt(req('Encrypt', { keyId, plaintext: 'aGVsbG8=' })))
  const denied = (await usageOf(app, keyId)).filter((u) => u.data['outcome'] === 'denied')
  assert.equal(denied.map((u) => u.data['action']), ['kms:Encrypt'])
})

test('kms:EncryptionContext: a Deny of Decrypt unless dept=finance (StringNotEquals) decrypts finance data only', async () => {
  const keyId = await newKey()
  await call('oRoot', 'SetKeyPolicy', {
    KeyId: keyId, PolicyName: 'default',
    Policy: policy({ Sid: 'FinanceOnly', Effect: 'Deny', Principal: everyone, Action: ['kms:Decrypt'], Resource: ['*'], Condition: { StringNotEquals: { 'kms:EncryptionContext:dept': 'finance' } } }),
  })
  const kms = sdk('alice')
  const seal = async (ctx: Record<string, string>) =>
    (await kms.encrypt(req('Encrypt', { keyId, plaintext: 'c2VjcmV0', encryptionContext: ctx }))).ciphertextBlob as string
  const finance = await seal({ dept: 'finance' })
  const hr = await seal({ dept: 'hr' })
  const none = await seal({})
  const opened = await kms.decrypt(req('Decrypt', { ciphertextBlob: finance, encryptionContext: { dept: 'finance' } }))
  assert.is(opened.plaintext, 'c2VjcmV0')
  await refused(kms.decrypt(req('Decrypt', { ciphertextBlob: hr, encryptionContext: { dept: 'hr' } })))
  // No dept key at all: a negated operator holds for a missing key (AWS/RAM semantics), so the Deny applies.
  await refused(kms.decrypt(req('Decrypt', { ciphertextBlob: none })))
})

test('acs:SecureTransport: a Deny when it is false refuses calls over plain HTTP', async () => {
  const keyId = await newKey()
  await call('oRoot', 'SetKeyPolicy', {
    KeyId: keyId, PolicyName: 'default',
    Policy: policy({ Sid: 'TlsOnly', Effect: 'Deny', Principal: everyone, Action: ['kms:Encrypt'], Resource: ['*'], Condition: { Bool: { 'acs:SecureTransport': 'false' } } }),
  })
  await refused(sdk('oRoot').encrypt(req('Encrypt', { keyId, plaintext: 'aGVsbG8=' })))
})

test('acs:SecureTransport: over HTTPS the SDK encrypts under "Deny when false" and is refused under "Deny when true"', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-cond-tls-'))
  const f = (n: string) => join(dir, n)
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('key.pem'), '-out', f('cert.pem'),
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'pipe' })
  const config = decodeConfig({ ...rawConfig(), tls: { cert: f('cert.pem'), key: f('key.pem') } })
  if (config._tag === 'Left') throw new Error(config.left)
  const tlsApp = await startApp(config.right, { store: new MemoryEventStore(), logger: pino({ level: 'silent' }), env: {} })
  try {
    const tlsOnly = (when: string) => policy({ Sid: 'Tls', Effect: 'Deny', Principal: everyone, Action: ['kms:Encrypt'], Resource: ['*'], Condition: { Bool: { 'acs:SecureTransport': when } } })
    const { NODE_EXTRA_CA_CERTS: _drop, ...env } = process.env
    const out = await new Promise<string>((resolve, reject) => execFile(process.execPath,
      ['--import', 'tsx', 'spec/support/tls-sdk-policy-client.ts', String(tlsApp.api.port), KEYS.oRoot.id, KEYS.oRoot.secret, JSON.stringify([tlsOnly('false'), tlsOnly('true')])],
      { env: { ...env, NODE_EXTRA_CA_CERTS: f('cert.pem') }, encoding: 'utf8' }, (e, o, err) => (e ? reject(new Error(`${e.message}\n${err}`)) : resolve(o))))
    const r = JSON.parse(out.trim().split('\n').pop()!) as { ok: boolean; outcomes?: string[]; error?: string }
    assert.ok(r.ok, r.error)
    assert.equal(r.outcomes, ['ok', 'Forbidden.NoPermission'])
  } finally {
    await tlsApp.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

const bobMay = (actions: string[], Condition: Record<string, unknown>) =>
  ({ Sid: 'Bob', Effect: 'Allow', Principal: { RAM: [ARN.bob] }, Action: actions, Resource: ['*'], Condition })
const arnOf = async (keyId: string) => (await call('oRoot', 'DescribeKey', { KeyId: keyId })).KeyMetadata.Arn as string

test('issue 15 item 3, kms:ViaService: an Allow for bob via oss (StringEquals) lets the 3.x runtime call with a signed x-acs-caller-service: oss; ecs or no service is refused', async () => {
  // given a key whose policy lets bob encrypt only through the cloud service oss
  const keyId = await newKey()
  await call('oRoot', 'SetKeyPolicy', { KeyId: keyId, PolicyName: 'default', Policy: policy(bobMay(['kms:Encrypt'], { StringEquals: { 'kms:ViaService': 'oss' } })) })
  const arn = await arnOf(keyId)
  // when bob calls through the 3.x runtime (ACS3 signs the x-acs-* headers), then oss encrypts and ecs does not
  const v3 = openApiClient(app.api.port, KEYS.bob)
  assert.ok((await v3('Encrypt', { KeyId: arn, Plaintext: 'aGVsbG8=' }, { 'x-acs-caller-service': 'oss' })).CiphertextBlob)
  await refused(v3('Encrypt', { KeyId: arn, Plaintext: 'aGVsbG8=' }, { 'x-acs-caller-service': 'ecs' }))
  await refused(v3('Encrypt', { KeyId: arn, Plaintext: 'aGVsbG8=' }))
  // and RPC v1 signs no header, so a caller service named there does not count (issue 13, finding 6)
  await refused(pop('bob').request('Encrypt', { KeyId: arn, Plaintext: 'aGVsbG8=' }, { method: 'POST', headers: { 'x-acs-caller-service': 'oss' } }))
})

test('issue 15 item 3, kms:EncryptionAlgorithm: an Allow for bob with RSAES_OAEP_SHA_256 (StringEquals) lets AsymmetricEncrypt with it, not with RSAES_OAEP_SHA_1', async () => {
  // given an RSA key whose policy lets bob encrypt only with OAEP-SHA256
  const keyId = (await call('oRoot', 'CreateKey', { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT/DECRYPT' })).KeyMetadata.KeyId as string
  await call('oRoot', 'SetKeyPolicy', { KeyId: keyId, PolicyName: 'default', Policy: policy(bobMay(['kms:AsymmetricEncrypt'], { StringEquals: { 'kms:EncryptionAlgorithm': 'RSAES_OAEP_SHA_256' } })) })
  const arn = await arnOf(keyId)
  const versionId = (await call('oRoot', 'ListKeyVersions', { KeyId: keyId })).KeyVersions.KeyVersion[0].KeyVersionId as string
  const encrypt = (algorithm: string) => call('bob', 'AsymmetricEncrypt', { KeyId: arn, KeyVersionId: versionId, Algorithm: algorithm, Plaintext: 'aGVsbG8=' })
  // when bob names each algorithm, then only the one the condition lists is allowed
  assert.ok((await encrypt('RSAES_OAEP_SHA_256')).CiphertextBlob)
  await refused(encrypt('RSAES_OAEP_SHA_1'))
})

test('issue 15 item 3, acs:CurrentTime: a Deny after 2000-01-01 (DateGreaterThan) refuses now; one before it (DateLessThan) does not', async () => {
  const keyId = await newKey()
  const denyEncrypt = (Condition: Record<string, unknown>) => ({ Sid: 'Clock', Effect: 'Deny', Principal: everyone, Action: ['kms:Encrypt'], Resource: ['*'], Condition })
  await call('oRoot', 'SetKeyPolicy', { KeyId: keyId, PolicyName: 'default', Policy: policy(denyEncrypt({ DateGreaterThan: { 'acs:CurrentTime': '2000-01-01T00:00:00Z' } })) })
  await refused(sdk('oRoot').encrypt(req('Encrypt', { keyId, plaintext: 'aGVsbG8=' })))
  await call('oRoot', 'SetKeyPolicy', { KeyId: keyId, PolicyName: 'default', Policy: policy(denyEncrypt({ DateLessThan: { 'acs:CurrentTime': '2000-01-01T00:00:00Z' } })) })
  assert.ok((await sdk('oRoot').encrypt(req('Encrypt', { keyId, plaintext: 'aGVsbG8=' }))).ciphertextBlob)
})

test('issue 15 item 3: SetKeyPolicy and CreateKey refuse an unknown condition operator or key with 400 InvalidParameter naming it', async () => {
  const keyId = await newKey()
  const e = await refused(call('oRoot', 'SetKeyPolicy', {
    KeyId: keyId, PolicyName: 'default',
    Policy: policy({ Effect: 'Deny', Principal: everyone, Action: ['kms:Decrypt'], Resource: ['*'], Condition: { StringEqualsAnyCase: { 'kms:ViaService': 'oss' } } }),
  }), 'InvalidParameter')
  assert.is(e.data['HttpStatus'], 400)
  assert.match(String(e.data['Message']), /StringEqualsAnyCase/)
  const c = await refused(call('oRoot', 'CreateKey', {
    Policy: policy({ Effect: 'Allow', Principal: everyone, Action: ['kms:Encrypt'], Resource: ['*'], Condition: { StringEquals: { 'acs:MFAPresent': 'true' } } }),
  }), 'InvalidParameter')
  assert.match(String(c.data['Message']), /acs:MFAPresent/)
})

test.after(() => app.close())
test.run()
