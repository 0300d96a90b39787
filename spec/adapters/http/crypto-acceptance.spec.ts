import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { constants, createHash, createPublicKey, publicEncrypt, randomBytes, verify } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { $kms, kmsClient, popClient, sdkError } from '../../support/sdk-clients.ts'
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts'
import { freshToken, hsmTest, PIN, softhsmAvailable } from '../../support/softhsm.ts'
import { rsaKeyPair } from '../../support/key-pairs.ts'

// The whole KMS as an operator runs it (`keyledger serve` in its own process, SQLite events, the vault, a
// software instance and a hardware instance on a fresh SoftHSM token) driven by the official SDK (npm
// @alicloud/kms20160120 1.2.0, RPC v1, flattened EncryptionContext) and pop-core (3.x-only actions, JSON
// EncryptionContext). Midway the server is stopped and started again on the same data dir. At the end, the data
// dir's files and the server's whole log are scanned for every plaintext and data key the run used.

const ACCOUNT = '1234567890123456'
const SOFT = 'kst-hzz62ee817bvyyr5x0001'
const HSM = 'kst-hzz62ee817bvyyr5x0hsm'
const KEY = { id: 'cryptoAcceptanceKey', secret: 'crypto-acceptance-secret-0001' }

const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-crypto-acceptance-'))
const token = softhsmAvailable ? freshToken('kms-acceptance') : undefined
const config = {
  listen: '127.0.0.1:0', accountId: ACCOUNT, region: 'cn-hangzhou',
  instances: [
    { instanceId: SOFT, kind: 'software', default: true },
    ...(token ? [{ instanceId: HSM, kind: 'hardware', pkcs11: { modulePath: token.config.modulePath, tokenLabel: token.config.tokenLabel, pinEnv: 'KMS_SPEC_HSM_PIN' } }] : []),
  ],
  accessKeys: [{ accessKeyId: KEY.id, accessKeySecret: KEY.secret }],
  store: { type: 'sqlite' },
}
const env = { KMS_SPEC_HSM_PIN: PIN }

let server: ServerProcess = await startServerProcess(dataDir, config, env)
const logs: string[] = []
/** The store files as a running server leaves them (WALs included: a clean stop checkpoints and removes them). */
const snapshots: { name: string; bytes: Buffer }[] = []
const snapshot = (when: string) => {
  for (const f of readdirSync(dataDir).filter((n) => /^(events|vault)\.sqlite(-wal)?$/.test(n)))
    snapshots.push({ name: `${f} (${when})`, bytes: readFileSync(join(dataDir, f)) })
}
let kms = kmsClient(server.port, KEY)
let pop = popClient(server.port, KEY)
const req = (name: string, m: Record<string, unknown> = {}) => new $kms[`${name}Request`]!(m)
const post = (action: string, params: Record<string, unknown>) => pop.request(action, params, { method: 'POST' })

/** Every secret the run handles: none may appear in the data dir or the log (raw, hex or Base64). */
const secrets: Buffer[] = []
const secret = (b: Buffer): Buffer => (secrets.push(b), b)
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest()
const b64 = (b: Buffer) => b.toString('base64')

const newKey = async (m: Record<string, unknown> = {}): Promise<string> => (await kms.createKey(req('CreateKey', m))).keyMetadata.keyId
const firstVersion = async (keyId: string): Promise<string> =>
  (await kms.listKeyVersions(req('ListKeyVersions', { keyId }))).keyVersions.keyVersion[0].keyVersionId

// Kept across the restart.
const before: { keyId: string; blob: string; plaintext: Buffer; context: Record<string, string> }[] = []
let signed: { keyId: string; versionId: string; digest: Buffer; value: string } | undefined

test('Encrypt/Decrypt round trip with an EncryptionContext (1.2.0 sends it flattened); a different context does not decrypt', async () => {
  const keyId = await newKey({ description: 'orders' })
  const plaintext = secret(randomBytes(48))
  const context = { order: 'o-123', 'aliyun:service': 'oss' }
  const e = await kms.encrypt(req('Encrypt', { keyId, plaintext: b64(plaintext), encryptionContext: context }))
  assert.is(e.keyId, keyId)
  assert.match(e.keyVersionId, /^[0-9a-f-]{36}$/)
  assert.type(e.ciphertextBlob, 'string')
  const d = await kms.decrypt(req('Decrypt', { ciphertextBlob: e.ciphertextBlob, encryptionContext: { 'aliyun:service': 'oss', order: 'o-123' } }))
  assert.equal(Buffer.from(d.plaintext, 'base64'), plaintext)
  assert.is(d.keyId, keyId)
  assert.is(d.keyVersionId, e.keyVersionId)
  // 3.x form: JSON text, same context in another order
  const j = await post('Decrypt', { CiphertextBlob: e.ciphertextBlob, EncryptionContext: JSON.stringify({ order: 'o-123', 'aliyun:service': 'oss' }) })
  assert.is(j.Plaintext, b64(plaintext))
  const wrong = await sdkError(kms.decrypt(req('Decrypt', { ciphertextBlob: e.ciphertextBlob, encryptionContext: { order: 'o-124', 'aliyun:service': 'oss' } })))
  assert.is(wrong.data['Code'], 'InvalidCiphertext')
  const none = await sdkError(kms.decrypt(req('Decrypt', { ciphertextBlob: e.ciphertextBlob })))
  assert.is(none.data['Code'], 'InvalidCiphertext')
  before.push({ keyId, blob: e.ciphertextBlob, plaintext, context })
})

test('bad Base64 is InvalidParameter; an alias names the key for Encrypt', async () => {
  const keyId = await newKey()
  const bad = await sdkError(kms.encrypt(req('Encrypt', { keyId, plaintext: 'not base64!' })))
  assert.is(bad.data['Code'], 'InvalidParameter')
  assert.is(bad.data['HttpStatus'], 400)
  await kms.createAlias(req('CreateAlias', { keyId, aliasName: 'alias/acceptance' }))
  const plaintext = secret(Buffer.from(`alias plaintext ${randomBytes(8).toString('hex')}`))
  const e = await kms.encrypt(req('Encrypt', { keyId: 'alias/acceptance', plaintext: b64(plaintext) }))
  assert.is(e.keyId, keyId)
  assert.equal(Buffer.from((await kms.decrypt(req('Decrypt', { ciphertextBlob: e.ciphertextBlob }))).plaintext, 'base64'), plaintext)
  before.push({ keyId, blob: e.ciphertextBlob, plaintext, context: {} })
})

test('data keys: GenerateDataKey (Plaintext + CiphertextBlob), WithoutPlaintext, sizes; ReEncrypt and ExportDataKey (3.x, pop-core)', async () => {
  const keyId = await newKey()
  const g = await kms.generateDataKey(req('GenerateDataKey', { keyId, encryptionContext: { app: 'billing' } }))
  const dataKey = secret(Buffer.from(g.plaintext, 'base64'))
  assert.is(dataKey.length, 32)
  const opened = await kms.decrypt(req('Decrypt', { ciphertextBlob: g.ciphertextBlob, encryptionContext: { app: 'billing' } }))
  assert.equal(Buffer.from(opened.plaintext, 'base64'), dataKey)
  const small = await kms.generateDataKey(req('GenerateDataKey', { keyId, keySpec: 'AES_128' }))
  assert.is(secret(Buffer.from(small.plaintext, 'base64')).length, 16)
  const n = await kms.generateDataKey(req('GenerateDataKey', { keyId, numberOfBytes: 64 }))
  assert.is(secret(Buffer.from(n.plaintext, 'base64')).length, 64)
  assert.is((await sdkError(kms.generateDataKey(req('GenerateDataKey', { keyId, numberOfBytes: 1025 })))).data['Code'], 'InvalidParameter')
  const w = await kms.generateDataKeyWithoutPlaintext(req('GenerateDataKeyWithoutPlaintext', { keyId }))
  assert.is(w.plaintext, undefined)
  const hidden = secret(Buffer.from((await kms.decrypt(req('Decrypt', { ciphertextBlob: w.ciphertextBlob }))).plaintext, 'base64'))
  assert.is(hidden.length, 32)
  // ReEncrypt to another key and context, never showing the plaintext
  const other = await newKey()
  const re = await post('ReEncrypt', {
    CiphertextBlob: g.ciphertextBlob, SourceEncryptionContext: '{"app":"billing"}', DestinationKeyId: other, DestinationEncryptionContext: '{"app":"ledger"}',
  })
  assert.is(re.KeyId, other)
  assert.is(re.Plaintext, undefined)
  const again = await post('Decrypt', { CiphertextBlob: re.CiphertextBlob, EncryptionContext: '{"app":"ledger"}' })
  assert.is(again.Plaintext, g.plaintext)
  // ExportDataKey: the data key wrapped under the caller's RSA public key
  const { privateDecrypt } = await import('node:crypto')
  const mine = rsaKeyPair(2048)
  const ex = await post('ExportDataKey', {
    CiphertextBlob: g.ciphertextBlob, EncryptionContext: '{"app":"billing"}', WrappingKeySpec: 'RSA_2048', WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
    PublicKeyBlob: b64(mine.publicKey.export({ type: 'spki', format: 'der' })),
  })
  const unwrapped = privateDecrypt({ key: mine.privateKey, oaepHash: 'sha256', padding: constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from(ex.ExportedDataKey, 'base64'))
  assert.equal(unwrapped, dataKey)
  const ge = await post('GenerateAndExportDataKey', {
    KeyId: keyId, WrappingKeySpec: 'RSA_2048', WrappingAlgorithm: 'RSAES_OAEP_SHA_256', PublicKeyBlob: b64(mine.publicKey.export({ type: 'spki', format: 'der' })),
  })
  const exported = secret(privateDecrypt({ key: mine.privateKey, oaepHash: 'sha256', padding: constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from(ge.ExportedDataKey, 'base64')))
  assert.equal(secret(Buffer.from((await post('Decrypt', { CiphertextBlob: ge.CiphertextBlob })).Plaintext, 'base64')), exported)
})

test('asymmetric sign/verify (RSA PSS and PKCS#1, EC P-256 and secp256k1): node:crypto verifies with the PEM from GetPublicKey', async () => {
  for (const [spec, algorithms] of [['RSA_2048', ['RSA_PSS_SHA_256', 'RSA_PKCS1_SHA_256']], ['EC_P256', ['ECDSA_SHA_256']], ['EC_P256K', ['ECDSA_SHA_256']]] as const) {
    const keyId = await newKey({ keySpec: spec, keyUsage: 'SIGN/VERIFY' })
    const versionId = await firstVersion(keyId)
    const pem = (await kms.getPublicKey(req('GetPublicKey', { keyId, keyVersionId: versionId }))).publicKey
    assert.match(pem, /^-----BEGIN PUBLIC KEY-----/)
    const publicKey = createPublicKey(pem)
    for (const algorithm of algorithms) {
      const message = Buffer.from(`document signed with ${spec} ${algorithm}`)
      const digest = sha256(message)
      const s = await kms.asymmetricSign(req('AsymmetricSign', { keyId, keyVersionId: versionId, algorithm, digest: b64(digest) }))
      assert.is(s.keyId, keyId)
      assert.is(s.keyVersionId, versionId)
      const sig = Buffer.from(s.value, 'base64')
      const ok = algorithm === 'RSA_PSS_SHA_256'
        ? verify('sha256', message, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig)
        : verify('sha256', message, publicKey, sig)
      assert.ok(ok, `${spec} ${algorithm}: node:crypto verifies`)
      const v = await kms.asymmetricVerify(req('AsymmetricVerify', { keyId, keyVersionId: versionId, algorithm, digest: b64(digest), value: s.value }))
      assert.is(v.value, true)
      const raw = await post('AsymmetricVerify', { KeyId: keyId, KeyVersionId: versionId, Algorithm: algorithm, Digest: b64(sha256(Buffer.from('other'))), Value: s.value })
      assert.is(raw.Value, false) // a JSON boolean on the wire
      if (spec === 'EC_P256') signed = { keyId, versionId, digest, value: s.value }
    }
    const wrongAlg = await sdkError(kms.asymmetricSign(req('AsymmetricSign', { keyId, keyVersionId: versionId, algorithm: 'SM2DSA', digest: b64(sha256(Buffer.from('x'))) })))
    assert.is(wrongAlg.data['Code'], 'InvalidParameter')
  }
})

test('AsymmetricEncrypt/Decrypt with RSA OAEP; node:crypto encrypts to the public key and the KMS decrypts', async () => {
  const keyId = await newKey({ keySpec: 'RSA_2048', keyUsage: 'ENCRYPT/DECRYPT' })
  const versionId = await firstVersion(keyId)
  const plaintext = secret(randomBytes(40))
  const e = await kms.asymmetricEncrypt(req('AsymmetricEncrypt', { keyId, keyVersionId: versionId, algorithm: 'RSAES_OAEP_SHA_256', plaintext: b64(plaintext) }))
  assert.is(Buffer.from(e.ciphertextBlob, 'base64').length, 256)
  const d = await kms.asymmetricDecrypt(req('AsymmetricDecrypt', { keyId, keyVersionId: versionId, algorithm: 'RSAES_OAEP_SHA_256', ciphertextBlob: e.ciphertextBlob }))
  assert.equal(Buffer.from(d.plaintext, 'base64'), plaintext)
  const pem = (await kms.getPublicKey(req('GetPublicKey', { keyId, keyVersionId: versionId }))).publicKey
  const local = secret(randomBytes(20))
  const c = publicEncrypt({ key: pem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, local)
  const d2 = await kms.asymmetricDecrypt(req('AsymmetricDecrypt', { keyId, keyVersionId: versionId, algorithm: 'RSAES_OAEP_SHA_1', ciphertextBlob: b64(c) }))
  assert.equal(Buffer.from(d2.plaintext, 'base64'), local)
  // CreateKeyVersion goes through the router; a second version within 7 days is refused (API reference §5.4)
  const cv = await sdkError(kms.createKeyVersion(req('CreateKeyVersion', { keyId })))
  assert.is(cv.data['Code'], 'Rejected.UnsupportedOperation')
})

test('Disabled and PendingDeletion keys refuse crypto (Rejected.Disabled / Rejected.PendingDeletion, 409)', async () => {
  const keyId = await newKey()
  const e = await kms.encrypt(req('Encrypt', { keyId, plaintext: b64(secret(Buffer.from('state-table plaintext'))) }))
  await kms.disableKey(req('DisableKey', { keyId }))
  const d1 = await sdkError(kms.encrypt(req('Encrypt', { keyId, plaintext: 'aGk=' })))
  assert.is(d1.code, 'Rejected.DisabledError')
  assert.is(d1.data['HttpStatus'], 409)
  assert.is((await sdkError(kms.decrypt(req('Decrypt', { ciphertextBlob: e.ciphertextBlob })))).code, 'Rejected.DisabledError')
  assert.is((await sdkError(kms.generateDataKey(req('GenerateDataKey', { keyId })))).code, 'Rejected.DisabledError')
  await kms.enableKey(req('EnableKey', { keyId }))
  await kms.scheduleKeyDeletion(req('ScheduleKeyDeletion', { keyId, pendingWindowInDays: 7 }))
  assert.is((await sdkError(kms.encrypt(req('Encrypt', { keyId, plaintext: 'aGk=' })))).code, 'Rejected.PendingDeletionError')
  assert.is((await sdkError(kms.decrypt(req('Decrypt', { ciphertextBlob: e.ciphertextBlob })))).code, 'Rejected.PendingDeletionError')
})

test('BYOK: GetParametersForImport → wrap AES-256 material with OAEP-SHA256 → ImportKeyMaterial → Encrypt works', async () => {
  const keyId = await newKey({ origin: 'EXTERNAL' })
  assert.is((await kms.describeKey(req('DescribeKey', { keyId }))).keyMetadata.keyState, 'PendingImport')
  const params = await kms.getParametersForImport(req('GetParametersForImport', { keyId, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256' }))
  assert.match(params.tokenExpireTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
  const material = secret(randomBytes(32))
  const wrappingKey = createPublicKey({ key: Buffer.from(params.publicKey, 'base64'), format: 'der', type: 'spki' })
  const wrapped = publicEncrypt({ key: wrappingKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, material)
  const badToken = await sdkError(kms.importKeyMaterial(req('ImportKeyMaterial', { keyId, importToken: 'forged', encryptedKeyMaterial: b64(wrapped), keyMaterialExpireUnix: 0 })))
  assert.is(badToken.data['Code'], 'InvalidImportToken')
  await kms.importKeyMaterial(req('ImportKeyMaterial', { keyId, importToken: params.importToken, encryptedKeyMaterial: b64(wrapped), keyMaterialExpireUnix: 0 }))
  assert.is((await kms.describeKey(req('DescribeKey', { keyId }))).keyMetadata.keyState, 'Enabled')
  const plaintext = secret(Buffer.from(`byok plaintext ${randomBytes(8).toString('hex')}`))
  const e = await kms.encrypt(req('Encrypt', { keyId, plaintext: b64(plaintext) }))
  assert.equal(Buffer.from((await kms.decrypt(req('Decrypt', { ciphertextBlob: e.ciphertextBlob }))).plaintext, 'base64'), plaintext)
  before.push({ keyId, blob: e.ciphertextBlob, plaintext, context: {} })
})

hsmTest('a hardware instance key (SoftHSM token) through the API: Encrypt/Decrypt and ECDSA sign', async () => {
  const created = await post('CreateKey', { DKMSInstanceId: HSM, KeySpec: 'Aliyun_AES_256' })
  const keyId = created.KeyMetadata.KeyId as string
  assert.is(created.KeyMetadata.DKMSInstanceId, HSM)
  const plaintext = secret(Buffer.from(`hsm plaintext ${randomBytes(8).toString('hex')}`))
  const e = await kms.encrypt(req('Encrypt', { keyId, plaintext: b64(plaintext), encryptionContext: { tier: 'hsm' } }))
  const d = await kms.decrypt(req('Decrypt', { ciphertextBlob: e.ciphertextBlob, encryptionContext: { tier: 'hsm' } }))
  assert.equal(Buffer.from(d.plaintext, 'base64'), plaintext)
  before.push({ keyId, blob: e.ciphertextBlob, plaintext, context: { tier: 'hsm' } })
  const ec = (await post('CreateKey', { DKMSInstanceId: HSM, KeySpec: 'EC_P256', KeyUsage: 'SIGN/VERIFY' })).KeyMetadata.KeyId as string
  const versionId = await firstVersion(ec)
  const message = Buffer.from('signed on the token')
  const s = await kms.asymmetricSign(req('AsymmetricSign', { keyId: ec, keyVersionId: versionId, algorithm: 'ECDSA_SHA_256', digest: b64(sha256(message)) }))
  const pem = (await kms.getPublicKey(req('GetPublicKey', { keyId: ec, keyVersionId: versionId }))).publicKey
  assert.ok(verify('sha256', message, createPublicKey(pem), Buffer.from(s.value, 'base64')))
})

test('a restart in the middle: keys, versions and earlier ciphertexts survive', async () => {
  const keysBefore = (await kms.listKeys(req('ListKeys', { pageSize: 100 }))).keys.key.map((k: { keyId: string }) => k.keyId).sort()
  const versionsBefore = await firstVersion(before[0]!.keyId)
  snapshot('running')
  assert.ok(snapshots.some((f) => f.name.startsWith('events.sqlite-wal')) && snapshots.some((f) => f.name.startsWith('vault.sqlite-wal')), 'WAL files while running')
  assert.is(await server.stop(), 0, 'a clean exit on SIGTERM')
  logs.push(server.log())
  server = await startServerProcess(dataDir, config, env)
  kms = kmsClient(server.port, KEY)
  pop = popClient(server.port, KEY)
  const keysAfter = (await kms.listKeys(req('ListKeys', { pageSize: 100 }))).keys.key.map((k: { keyId: string }) => k.keyId).sort()
  assert.equal(keysAfter, keysBefore)
  assert.is(await firstVersion(before[0]!.keyId), versionsBefore)
  assert.ok(before.length >= 3)
  for (const b of before) {
    const d = await kms.decrypt(req('Decrypt', { ciphertextBlob: b.blob, ...(Object.keys(b.context).length ? { encryptionContext: b.context } : {}) }))
    assert.equal(Buffer.from(d.plaintext, 'base64'), b.plaintext, `key ${b.keyId} decrypts after the restart`)
  }
  const v = await kms.asymmetricVerify(req('AsymmetricVerify', { keyId: signed!.keyId, keyVersionId: signed!.versionId, algorithm: 'ECDSA_SHA_256', digest: b64(signed!.digest), value: signed!.value }))
  assert.is(v.value, true)
})

test('every call is audited: ActionInvoked records with the caller service from the EncryptionContext convention', async () => {
  assert.is(await server.stop(), 0)
  logs.push(server.log())
  const { default: Database } = await import('better-sqlite3')
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true })
  try {
    const cols = (db.prepare(`SELECT name FROM pragma_table_info('events')`).all() as { name: string }[]).map((c) => c.name)
    const stream = cols.includes('stream_id') ? 'stream_id' : 'stream'
    const rows = db.prepare(`SELECT data FROM events WHERE ${stream} = ?`).all(`keyusage-${before[0]!.keyId}`) as { data: string | Buffer }[]
    const records = rows.map((r) => JSON.parse(r.data.toString()) as Record<string, unknown>)
    assert.ok(records.some((r) => r['action'] === 'kms:Encrypt' && r['outcome'] === 'allowed' && r['callerService'] === 'oss'))
    assert.ok(records.some((r) => r['action'] === 'kms:Decrypt' && r['outcome'] === 'failed' && r['errorCode'] === 'InvalidCiphertext'))
  } finally {
    db.close()
  }
})

test('no leak: no plaintext or data key in the events or vault files (with their WALs) or the server log, raw, hex or Base64', () => {
  const files = readdirSync(dataDir).filter((f) => /^(events|vault)\.sqlite(-wal)?$/.test(f))
  assert.ok(files.includes('events.sqlite') && files.includes('vault.sqlite'), files.join(', '))
  const haystacks = [
    ...snapshots, ...files.map((f) => ({ name: f, bytes: readFileSync(join(dataDir, f)) })),
    ...logs.map((l, i) => ({ name: `server log ${i + 1}`, bytes: Buffer.from(l) })),
  ]
  assert.ok(secrets.length > 10)
  for (const s of secrets) {
    const forms = [s, Buffer.from(s.toString('hex')), Buffer.from(s.toString('base64')), Buffer.from(s.toString('base64url'))]
    for (const h of haystacks) for (const f of forms) assert.is(h.bytes.indexOf(f), -1, `a secret of ${s.length} bytes appears in ${h.name}`)
  }
  assert.ok(logs.every((l) => l.includes('"action":"Decrypt"')), 'the scanned logs are the request logs of both runs')
})

test.after(async () => {
  await server.stop()
  token?.remove()
  rmSync(dataDir, { recursive: true, force: true })
})

test.run()
