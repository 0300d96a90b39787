import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { constants, createHash, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { AccessControl } from '../../application/access/access-control.ts'
import type { KmsAction } from '../../domain/policy/index.ts'
import type { KeyState } from '../../domain/key/state.ts'
import { ACCOUNT, REGION, cryptoFixture, type CryptoFixture } from '../support/crypto-fixture.ts'
import { rsaKeyPair } from '../support/key-pairs.ts'
import type { CryptoCall } from '../../application/crypto-service.ts'

// Issue 20, item 3: every CryptoService path the crypto fixture runs with `allowEveryKey`, run here under a REAL key
// policy through the production authorizer (application/access: AccessControl → RequestAccess.keyAuthorizer →
// domain/policy/authorize). Given a key whose policy grants the main account only the action, when the action is
// called, then it succeeds; given a key whose policy allows kms:* but explicitly denies the action, then the call
// is refused (Forbidden.NoPermission) before any material is touched, and recorded once as `denied` (S-5.1, S-5.2).

const ROOT = `acs:ram::${ACCOUNT}:root`
const onlyGrant = (action: KmsAction) =>
  JSON.stringify({ Version: '1', Statement: [{ Sid: 'only', Effect: 'Allow', Principal: { RAM: [ROOT] }, Action: [action], Resource: ['*'] }] })
const allButDeny = (action: KmsAction) =>
  JSON.stringify({
    Version: '1',
    Statement: [
      { Sid: 'all', Effect: 'Allow', Principal: { RAM: [ROOT] }, Action: ['kms:*'], Resource: ['*'] },
      { Sid: 'deny', Effect: 'Deny', Principal: { RAM: [ROOT] }, Action: [action], Resource: ['*'] },
    ],
  })

/** A call authorized by the real access control for the main account, as the HTTP layer makes it. */
const policed = (f: CryptoFixture, apiAction: string): CryptoCall => {
  const control = new AccessControl({ identityPolicies: [], instances: [], region: REGION, usage: f.usage })
  const authorizer = control.forRequest(apiAction, { principal: ROOT, accountId: ACCOUNT }, f.ctx()).keyAuthorizer()
  return f.call(undefined, authorizer)
}

type Run = (f: CryptoFixture, key: KeyState, call: CryptoCall) => Promise<E.Either<{ code: string; message: string }, unknown>>
interface Path {
  readonly apiAction: string
  readonly action: KmsAction
  readonly key?: Record<string, unknown>
  readonly run: Run
}

const version = (k: KeyState) => k.primaryVersionId ?? k.versions[0]!.versionId
const digest = createHash('sha256').update('m').digest()
const spki = () => rsaKeyPair(2048).publicKey.export({ type: 'spki', format: 'der' })
const blobOf = async (f: CryptoFixture, k: KeyState) => f.ok(await f.crypto.encrypt(f.call(), { keyId: k.keyId, plaintext: Buffer.from('p') })).ciphertextBlob
const rsa = { spec: 'RSA_2048', usage: 'ENCRYPT/DECRYPT' }
const ec = { spec: 'EC_P256', usage: 'SIGN/VERIFY' }
const hmac = { spec: 'HMAC_SHA256', usage: 'GENERATE/VERIFY_MAC' }

const PATHS: readonly Path[] = [
  { apiAction: 'Encrypt', action: 'kms:Encrypt', run: async (f, k, c) => f.crypto.encrypt(c, { keyId: k.keyId, plaintext: Buffer.from('p') }) },
  { apiAction: 'Decrypt', action: 'kms:Decrypt', run: async (f, k, c) => f.crypto.decrypt(c, { ciphertextBlob: await blobOf(f, k) }) },
  { apiAction: 'GenerateDataKey', action: 'kms:GenerateDataKey', run: async (f, k, c) => f.crypto.generateDataKey(c, { keyId: k.keyId }) },
  {
    apiAction: 'GenerateDataKeyWithoutPlaintext',
    action: 'kms:GenerateDataKeyWithoutPlaintext',
    run: async (f, k, c) => f.crypto.generateDataKeyWithoutPlaintext(c, { keyId: k.keyId }),
  },
  {
    apiAction: 'GenerateAndExportDataKey',
    action: 'kms:GenerateAndExportDataKey',
    run: async (f, k, c) =>
      f.crypto.generateAndExportDataKey(c, { keyId: k.keyId, publicKeyBlob: spki(), wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256' }),
  },
  {
    apiAction: 'ExportDataKey',
    action: 'kms:ExportDataKey',
    run: async (f, k, c) =>
      f.crypto.exportDataKey(c, { ciphertextBlob: await blobOf(f, k), publicKeyBlob: spki(), wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256' }),
  },
  { apiAction: 'GenerateMac', action: 'kms:GenerateMac', key: hmac, run: async (f, k, c) => f.crypto.generateMac(c, { keyId: k.keyId, algorithm: 'HMAC_SHA_256', message: Buffer.from('m') }) },
  {
    apiAction: 'VerifyMac',
    action: 'kms:VerifyMac',
    key: hmac,
    run: async (f, k, c) => {
      const mac = f.ok(await f.crypto.generateMac(f.call(), { keyId: k.keyId, algorithm: 'HMAC_SHA_256', message: Buffer.from('m') })).mac
      return f.crypto.verifyMac(c, { keyId: k.keyId, algorithm: 'HMAC_SHA_256', message: Buffer.from('m'), mac })
    },
  },
  {
    apiAction: 'AsymmetricEncrypt',
    action: 'kms:AsymmetricEncrypt',
    key: rsa,
    run: async (f, k, c) => f.crypto.asymmetricEncrypt(c, { keyId: k.keyId, keyVersionId: version(k), algorithm: 'RSAES_OAEP_SHA_256', plaintext: Buffer.from('p') }),
  },
  {
    apiAction: 'AsymmetricDecrypt',
    action: 'kms:AsymmetricDecrypt',
    key: rsa,
    run: async (f, k, c) => {
      const t = { keyId: k.keyId, keyVersionId: version(k), algorithm: 'RSAES_OAEP_SHA_256' }
      const enc = f.ok(await f.crypto.asymmetricEncrypt(f.call(), { ...t, plaintext: Buffer.from('p') }))
      return f.crypto.asymmetricDecrypt(c, { ...t, ciphertextBlob: enc.ciphertextBlob })
    },
  },
  {
    apiAction: 'AsymmetricSign',
    action: 'kms:AsymmetricSign',
    key: ec,
    run: async (f, k, c) => f.crypto.asymmetricSign(c, { keyId: k.keyId, keyVersionId: version(k), algorithm: 'ECDSA_SHA_256', digest }),
  },
  {
    apiAction: 'AsymmetricVerify',
    action: 'kms:AsymmetricVerify',
    key: ec,
    run: async (f, k, c) => {
      const t = { keyId: k.keyId, keyVersionId: version(k), algorithm: 'ECDSA_SHA_256', digest }
      const sig = f.ok(await f.crypto.asymmetricSign(f.call(), t))
      return f.crypto.asymmetricVerify(c, { ...t, value: sig.value })
    },
  },
  { apiAction: 'GetPublicKey', action: 'kms:GetPublicKey', key: ec, run: async (f, k, c) => f.crypto.getPublicKey(c, { keyId: k.keyId, keyVersionId: version(k) }) },
  {
    apiAction: 'GetParametersForImport',
    action: 'kms:GetParametersForImport',
    key: { origin: 'EXTERNAL' },
    run: async (f, k, c) => f.crypto.getParametersForImport(c, { keyId: k.keyId, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256' }),
  },
  {
    apiAction: 'ImportKeyMaterial',
    action: 'kms:ImportKeyMaterial',
    key: { origin: 'EXTERNAL' },
    run: async (f, k, c) => {
      const p = f.ok(await f.crypto.getParametersForImport(f.call(), { keyId: k.keyId, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256' }))
      const key = createPublicKey({ key: p.publicKey, format: 'der', type: 'spki' })
      const encryptedKeyMaterial = publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, randomBytes(32))
      return f.crypto.importKeyMaterial(c, { keyId: k.keyId, importToken: p.importToken, encryptedKeyMaterial })
    },
  },
  {
    apiAction: 'DeleteKeyMaterial',
    action: 'kms:DeleteKeyMaterial',
    key: { origin: 'EXTERNAL' },
    run: async (f, k, c) => {
      const p = f.ok(await f.crypto.getParametersForImport(f.call(), { keyId: k.keyId, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256' }))
      const key = createPublicKey({ key: p.publicKey, format: 'der', type: 'spki' })
      const encryptedKeyMaterial = publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, randomBytes(32))
      f.ok(await f.crypto.importKeyMaterial(f.call(), { keyId: k.keyId, importToken: p.importToken, encryptedKeyMaterial }))
      return f.crypto.deleteKeyMaterial(c, { keyId: k.keyId })
    },
  },
]

const failure = (r: E.Either<{ code: string; message: string }, unknown>) => (E.isLeft(r) ? `${r.left.code}: ${r.left.message}` : 'success')
const refusals = async (f: CryptoFixture, keyId: string, action: string) =>
  (await f.usageOf(keyId)).filter((u) => u.action === action && u.outcome === 'denied').map((u) => u.errorCode)

for (const p of PATHS) {
  test(`${p.apiAction}: a key policy granting only ${p.action} lets it through; one that denies ${p.action} refuses it, recorded once`, async () => {
    const f = cryptoFixture()
    try {
      const granted = await f.createKey({ ...p.key, policy: onlyGrant(p.action) })
      assert.is(failure(await p.run(f, granted, policed(f, p.apiAction))), 'success')
      assert.equal(await refusals(f, granted.keyId, p.action), [])
      const denied = await f.createKey({ ...p.key, policy: allButDeny(p.action) })
      assert.match(failure(await p.run(f, denied, policed(f, p.apiAction))), /^Forbidden\.NoPermission/)
      assert.equal(await refusals(f, denied.keyId, p.action), ['Forbidden.NoPermission'])
    } finally {
      await f.close()
    }
  })
}

test('ReEncrypt: the source key policy must grant kms:ReEncryptFrom and the destination kms:ReEncryptTo; either Deny refuses', async () => {
  const f = cryptoFixture()
  try {
    const from = await f.createKey({ policy: onlyGrant('kms:ReEncryptFrom') })
    const to = await f.createKey({ policy: onlyGrant('kms:ReEncryptTo') })
    const run = async (source: KeyState, destination: KeyState) =>
      failure(await f.crypto.reEncrypt(policed(f, 'ReEncrypt'), { ciphertextBlob: await blobOf(f, source), destinationKeyId: destination.keyId }))
    assert.is(await run(from, to), 'success')
    // the grants crossed: the source key grants only ReEncryptTo, the destination only ReEncryptFrom
    assert.match(await run(to, from), /^Forbidden\.NoPermission/)
    const denyFrom = await f.createKey({ policy: allButDeny('kms:ReEncryptFrom') })
    const denyTo = await f.createKey({ policy: allButDeny('kms:ReEncryptTo') })
    assert.match(await run(denyFrom, to), /^Forbidden\.NoPermission/)
    assert.match(await run(from, denyTo), /^Forbidden\.NoPermission/)
    assert.equal(await refusals(f, denyTo.keyId, 'kms:ReEncryptTo'), ['Forbidden.NoPermission'])
  } finally {
    await f.close()
  }
})

test.run()
