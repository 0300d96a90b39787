import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pkcs11js from 'pkcs11js'
import { test } from 'uvu'
import { popClient } from '../../support/sdk-clients.ts'
import { serveExpectingRefusal, startServerProcess } from '../../support/server-process.ts'
import { freshToken, hsmTest, PIN, softhsmAvailable } from '../../support/softhsm.ts'

// Issue 13 item 1: the root key sealed by a non-extractable AES key on a PKCS#11 token (Vault's auto-unseal), on
// SoftHSMv2. The round trip file → passphrase → pkcs11 → file keeps every ciphertext decrypting and ends with
// the very root key the data dir began with; a missing token or a wrong PIN stops the start with a clear code.

const ACCOUNT = '1234567890123456'
const OWNER = { id: 'rootKeyHsmOwner', secret: 'root-key-hsm-owner-secret-01' }
const config = {
  listen: '127.0.0.1:0', accountId: ACCOUNT, region: 'cn-hangzhou',
  instances: [{ instanceId: 'kst-hzz62ee817bvyyr5x0001', kind: 'software', default: true }],
  accessKeys: [{ accessKeyId: OWNER.id, accessKeySecret: OWNER.secret }], store: { type: 'sqlite' },
}
const TOKEN_LABEL = 'kms-root-seal'
const KEY_LABEL = 'keyledger-root-key'
const PASSPHRASE = 'a passphrase for the round trip'
const base = mkdtempSync(join(tmpdir(), 'keyledger-root-hsm-'))
const dataDir = join(base, 'data')
mkdirSync(dataDir)
const token = softhsmAvailable ? freshToken(TOKEN_LABEL) : undefined

const keyledger = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, ['bin/keyledger.js', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 })
  return { code: r.status, out: `${r.stdout}${r.stderr}` }
}

const captured: { keyId: string; blob: string; plaintext: string }[] = []
let original = ''

/** Starts the server with `env`, decrypts every captured ciphertext, stops it. */
const everyCiphertextDecrypts = async (env: Record<string, string>) => {
  const s = await startServerProcess(dataDir, config, env, 120_000)
  try {
    const pop = popClient(s.port, OWNER)
    for (const c of captured) {
      const r = await pop.request('Decrypt', { CiphertextBlob: c.blob }, { method: 'POST' })
      assert.is(Buffer.from(r.Plaintext, 'base64').toString(), c.plaintext)
    }
  } finally {
    assert.is(await s.stop(), 0)
  }
}

hsmTest('given a data dir with two keys and their ciphertexts, file → passphrase keeps every ciphertext', async () => {
  const s = await startServerProcess(dataDir, config, {}, 120_000)
  const pop = popClient(s.port, OWNER)
  for (const text of ['first secret', 'second secret']) {
    const keyId: string = (await pop.request('CreateKey', {}, { method: 'POST' })).KeyMetadata.KeyId
    const blob: string = (await pop.request('Encrypt', { KeyId: keyId, Plaintext: Buffer.from(text).toString('base64') }, { method: 'POST' })).CiphertextBlob
    captured.push({ keyId, blob, plaintext: text })
  }
  assert.is(await s.stop(), 0)
  original = readFileSync(join(dataDir, 'root.key'), 'utf8')
  const r = keyledger(['root-key', 'rewrap', '--to', 'passphrase', '--scrypt-log-n', '15', '--data-dir', dataDir], { KMS_ROOT_KEY_NEW_PASSPHRASE: PASSPHRASE })
  assert.is(r.code, 0, r.out)
  await everyCiphertextDecrypts({ KMS_ROOT_KEY_PASSPHRASE: PASSPHRASE })
})

hsmTest('passphrase → pkcs11: sealed by a sensitive, non-extractable AES key on the token; the server unseals it at start', async () => {
  const r = keyledger(['root-key', 'rewrap', '--to', 'pkcs11', '--pkcs11-module', token!.config.modulePath, '--pkcs11-token', TOKEN_LABEL, '--data-dir', dataDir],
    { KMS_ROOT_KEY_PASSPHRASE: PASSPHRASE, KMS_ROOT_KEY_PKCS11_PIN: PIN })
  assert.is(r.code, 0, r.out)
  assert.match(r.out, 'rewrapped from passphrase to pkcs11')
  const sealed = JSON.parse(readFileSync(join(dataDir, 'root.key'), 'utf8'))
  assert.equal(sealed.pkcs11, { modulePath: token!.config.modulePath, tokenLabel: TOKEN_LABEL, keyLabel: KEY_LABEL })
  assert.not.ok(JSON.stringify(sealed).includes(original.trim()))

  // The wrapping key, as the token describes it.
  const p11 = new pkcs11js.PKCS11()
  p11.load(token!.config.modulePath)
  p11.C_Initialize()
  try {
    const slot = p11.C_GetSlotList(true).find((sl) => p11.C_GetTokenInfo(sl).label.trimEnd() === TOKEN_LABEL)!
    const session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION)
    p11.C_Login(session, pkcs11js.CKU_USER, PIN)
    p11.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_LABEL, value: KEY_LABEL }])
    const [key] = p11.C_FindObjects(session, 2)
    p11.C_FindObjectsFinal(session)
    const attrs = p11.C_GetAttributeValue(session, key!, [
      { type: pkcs11js.CKA_SENSITIVE }, { type: pkcs11js.CKA_EXTRACTABLE }, { type: pkcs11js.CKA_TOKEN }, { type: pkcs11js.CKA_WRAP },
    ]).map((a) => (a.value)[0])
    assert.equal(attrs, [1, 0, 1, 0], 'sensitive, not extractable, on the token, no wrap')
  } finally {
    p11.C_Finalize()
  }
  assert.match(keyledger(['root-key', 'status', '--data-dir', dataDir]).out, ': pkcs11')
  await everyCiphertextDecrypts({ KMS_ROOT_KEY_PKCS11_PIN: PIN })
})

hsmTest('with the token missing the start is refused (exit 3, Config.RootKeyTokenMissing); without or with a wrong PIN, exit 2', async () => {
  const empty = join(base, 'no-token')
  mkdirSync(join(empty, 'tokens'), { recursive: true })
  writeFileSync(join(empty, 'softhsm2.conf'), `directories.tokendir = ${join(empty, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`)
  const missing = await serveExpectingRefusal(dataDir, config, { SOFTHSM2_CONF: join(empty, 'softhsm2.conf'), KMS_ROOT_KEY_PKCS11_PIN: PIN })
  assert.is(missing.code, 3, missing.out)
  assert.match(missing.out, 'Config.RootKeyTokenMissing')
  assert.match(missing.out, `no PKCS#11 token labelled "${TOKEN_LABEL}"`)
  const noPin = await serveExpectingRefusal(dataDir, config, { KMS_ROOT_KEY_PKCS11_PIN: '' })
  assert.is(noPin.code, 2, noPin.out)
  assert.match(noPin.out, 'KMS_ROOT_KEY_PKCS11_PIN')
  const wrongPin = await serveExpectingRefusal(dataDir, config, { KMS_ROOT_KEY_PKCS11_PIN: '9999' })
  assert.is(wrongPin.code, 2, wrongPin.out)
  assert.match(wrongPin.out, 'Config.RootKeyTokenLogin')
  assert.not.match(wrongPin.out, '9999')
})

hsmTest('pkcs11 → file ends the round trip with the very root key the data dir began with', async () => {
  const r = keyledger(['root-key', 'rewrap', '--to', 'file', '--data-dir', dataDir], { KMS_ROOT_KEY_PKCS11_PIN: PIN })
  assert.is(r.code, 0, r.out)
  assert.is(readFileSync(join(dataDir, 'root.key'), 'utf8'), original)
  await everyCiphertextDecrypts({})
})

test.after(() => {
  token?.remove()
  rmSync(base, { recursive: true, force: true })
})
test.run()
