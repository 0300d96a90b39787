// Moving a deployment with its keys (docs/esdb.md, "Moving from SQLite"): a SQLite server's keys (generated AES,
// RSA, BYOK) are used through the official SDK; `store copy` moves the events and `vault copy` (the real binary,
// bin/keyledger.js, with a WRONG root key in its environment: it never reads one) moves the wrapped material to
// EventStoreDB (the in-process double); a node there, given the right KMS_ROOT_KEY, decrypts the earlier
// ciphertexts through the SDK. Then back into a fresh SQLite data dir, and a server there decrypts them again.
import { execFile } from 'node:child_process'
import { constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import pino from 'pino'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { startApp, type App } from '../../../composition/app.ts'
import { runCopy } from '../../../adapters/cli/store.ts'
import { runVaultCopy } from '../../../adapters/cli/vault.ts'
import { KEY_A, testConfig } from '../../support/api-server.ts'
import { startEsdbDouble } from '../../support/esdb-double/index.ts'
import { newRootKey, startEsdbNode } from '../../support/esdb-nodes.ts'
import { $kms, kmsClient } from '../../support/sdk-clients.ts'

const bin = join(fileURLToPath(import.meta.url), '../../../../bin/keyledger.js')
/** The real binary, asynchronously: the double runs in this process and must keep answering. */
const keyledger = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000, env }, (err, stdout, stderr) =>
      resolve({ status: err ? (err as { code?: number }).code ?? 1 : 0, stdout, stderr }))
  })
const req = (name: string, m: Record<string, unknown> = {}) => new $kms[`${name}Request`]!(m)
const b64 = (b: Buffer) => b.toString('base64')
const sink = () => {
  let text = ''
  return { stream: new Writable({ write: (c, _e, cb) => { text += String(c); cb() } }), text: () => text }
}
const sqliteServer = (dataDir: string, rootKey: string): Promise<App> =>
  startApp(testConfig({ dataDir, store: { type: 'sqlite' } }), { logger: pino({ level: 'silent' }), env: { KMS_ROOT_KEY: rootKey } })

interface Ciphertexts { aes: { keyId: string; blob: string; plaintext: Buffer }; rsa: { keyId: string; versionId: string; blob: string; plaintext: Buffer }; byok: { blob: string; plaintext: Buffer } }

/** Every earlier ciphertext decrypts through the SDK on the server at `port`. */
const decryptsAll = async (port: number, c: Ciphertexts): Promise<void> => {
  const kms = kmsClient(port, KEY_A)
  assert.equal(Buffer.from((await kms.decrypt(req('Decrypt', { ciphertextBlob: c.aes.blob }))).plaintext, 'base64'), c.aes.plaintext)
  assert.equal(Buffer.from((await kms.decrypt(req('Decrypt', { ciphertextBlob: c.byok.blob }))).plaintext, 'base64'), c.byok.plaintext)
  const rsa = await kms.asymmetricDecrypt(req('AsymmetricDecrypt', { keyId: c.rsa.keyId, keyVersionId: c.rsa.versionId, algorithm: 'RSAES_OAEP_SHA_256', ciphertextBlob: c.rsa.blob }))
  assert.equal(Buffer.from(rsa.plaintext, 'base64'), c.rsa.plaintext)
  // and the moved key still encrypts
  const again = await kms.encrypt(req('Encrypt', { keyId: c.aes.keyId, plaintext: b64(Buffer.from('after the move')) }))
  assert.is(Buffer.from((await kms.decrypt(req('Decrypt', { ciphertextBlob: again.ciphertextBlob }))).plaintext, 'base64').toString(), 'after the move')
}

test('vault copy --help explains the vaults, the root key, what is not copied, resuming and the exit status', async () => {
  const r = await keyledger(['vault', 'copy', '--help'])
  assert.is(r.status, 0)
  for (const text of ['--from <vault>', '--to <vault>', '--events <store-url>', 'vault.sqlite', 'esdb://', 'never reads', 'SAME root key', 'import tokens', 'Deleted', 'resumes', 'Exit status'])
    assert.ok(r.stdout.includes(text), text)
})

test('SQLite data dir → store copy + vault copy → a node on EventStoreDB decrypts the earlier ciphertexts; and back to a fresh SQLite data dir', async () => {
  const rootKey = newRootKey()
  const [oldDir, newDir] = [mkdtempSync(join(tmpdir(), 'keyledger-move-old-')), mkdtempSync(join(tmpdir(), 'keyledger-move-new-'))]
  const double = await startEsdbDouble()
  try {
    // given keys made and used on a SQLite server
    const app = await sqliteServer(oldDir, rootKey)
    const kms = kmsClient(app.api.port, KEY_A)
    const aesKey: string = (await kms.createKey(req('CreateKey', {}))).keyMetadata.keyId
    const aesPlain = randomBytes(40)
    const aes = { keyId: aesKey, blob: (await kms.encrypt(req('Encrypt', { keyId: aesKey, plaintext: b64(aesPlain) }))).ciphertextBlob as string, plaintext: aesPlain }
    const rsaKey: string = (await kms.createKey(req('CreateKey', { keySpec: 'RSA_2048', keyUsage: 'ENCRYPT/DECRYPT' }))).keyMetadata.keyId
    const versionId: string = (await kms.listKeyVersions(req('ListKeyVersions', { keyId: rsaKey }))).keyVersions.keyVersion[0].keyVersionId
    const pem: string = (await kms.getPublicKey(req('GetPublicKey', { keyId: rsaKey, keyVersionId: versionId }))).publicKey
    const rsaPlain = randomBytes(32)
    const rsa = { keyId: rsaKey, versionId, plaintext: rsaPlain, blob: b64(publicEncrypt({ key: pem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, rsaPlain)) }
    const byokKey: string = (await kms.createKey(req('CreateKey', { origin: 'EXTERNAL' }))).keyMetadata.keyId
    const params = await kms.getParametersForImport(req('GetParametersForImport', { keyId: byokKey, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256' }))
    const wrappingKey = createPublicKey({ key: Buffer.from(params.publicKey, 'base64'), format: 'der', type: 'spki' })
    const material = randomBytes(32)
    const encryptedKeyMaterial = b64(publicEncrypt({ key: wrappingKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, material))
    await kms.importKeyMaterial(req('ImportKeyMaterial', { keyId: byokKey, importToken: params.importToken, encryptedKeyMaterial, keyMaterialExpireUnix: 0 }))
    const byokPlain = randomBytes(24)
    const byok = { blob: (await kms.encrypt(req('Encrypt', { keyId: byokKey, plaintext: b64(byokPlain) }))).ciphertextBlob as string, plaintext: byokPlain }
    const c: Ciphertexts = { aes, rsa, byok }
    await app.close() // the service stops for the move

    // when the events are copied, then the vault, by the real binary holding only a wrong root key
    const out = sink()
    assert.is(await runCopy(`sqlite:${join(oldDir, 'events.sqlite')}`, double.connectionString, false, out.stream, out.stream), 0, out.text())
    const moved = await keyledger(['vault', 'copy', '--from', join(oldDir, 'vault.sqlite'), '--to', double.connectionString, '--events', double.connectionString, '--no-progress'],
      { ...process.env, KMS_ROOT_KEY: newRootKey() })
    assert.is(moved.status, 0, moved.stderr)
    // 3 generated/imported material rows (AES, RSA, BYOK) and the BYOK key's fingerprint
    assert.match(moved.stdout, 'copied 4 wrapped rows (0 already in the target) of 3 keys; root key check: copied')
    assert.match(moved.stdout, 'not copied: import tokens')
    assert.match(moved.stdout, 'verified: all 4 rows of the copied keys are in the target, byte for byte')
    assert.not.match(moved.stdout, 'NOT checked')
    const rerun = await keyledger(['vault', 'copy', '--from', `sqlite:${join(oldDir, 'vault.sqlite')}`, '--to', double.connectionString, '--no-progress'], { ...process.env, KMS_ROOT_KEY: '' })
    assert.is(rerun.status, 0, rerun.stderr)
    assert.match(rerun.stdout, 'copied 0 wrapped rows (4 already in the target) of 3 keys; root key check: already present')
    assert.match(rerun.stdout, 'deleted keys NOT checked: no --events given')

    // then a node on EventStoreDB with the same KMS_ROOT_KEY decrypts everything made on SQLite
    const node = await startEsdbNode(double.connectionString, rootKey)
    try {
      await decryptsAll(node.app.api.port, c)
    } finally {
      await node.close()
    }

    // when moved back into a fresh SQLite data dir
    assert.is(await runCopy(double.connectionString, `sqlite:${join(newDir, 'events.sqlite')}`, false, out.stream, out.stream), 0, out.text())
    const back = sink()
    assert.is(await runVaultCopy({ from: double.connectionString, to: join(newDir, 'vault.sqlite'), events: double.connectionString }, false, back.stream, back.stream), 0, back.text())
    assert.match(back.text(), 'copied 4 wrapped rows (0 already in the target) of 3 keys; root key check: copied')
    // then a SQLite server there decrypts them too
    const again = await sqliteServer(newDir, rootKey)
    try {
      await decryptsAll(again.api.port, c)
    } finally {
      await again.close()
    }
  } finally {
    await double.stop()
    rmSync(oldDir, { recursive: true, force: true })
    rmSync(newDir, { recursive: true, force: true })
  }
})

test('vault copy refuses a missing source, an unknown scheme, and a conflicting target, with exit status 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-vaultcli-'))
  try {
    const missing = await keyledger(['vault', 'copy', '--from', join(dir, 'nope.sqlite'), '--to', join(dir, 'b.sqlite')])
    assert.is(missing.status, 1)
    assert.match(missing.stderr, 'no SQLite vault at')
    const scheme = await keyledger(['vault', 'copy', '--from', 'mysql://x', '--to', join(dir, 'b.sqlite')])
    assert.is(scheme.status, 1)
    assert.match(scheme.stderr, 'unknown scheme')
    // two data dirs' vaults: each has its own root key check
    const [a, b] = [join(dir, 'a'), join(dir, 'b')]
    for (const d of [a, b]) {
      mkdirSync(d)
      await (await sqliteServer(d, newRootKey())).close()
    }
    const refused = await keyledger(['vault', 'copy', '--from', join(a, 'vault.sqlite'), '--to', join(b, 'vault.sqlite')])
    assert.is(refused.status, 1)
    assert.match(refused.stderr, 'root key check of its own')
    assert.is(refused.stdout, '')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test.run()
