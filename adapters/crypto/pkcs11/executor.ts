import { constants, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import pkcs11js from 'pkcs11js'
import { internalFailure, invalidParameter, unsupportedOperation, type KmsError } from '../../../domain/errors.ts'
import type {
  AsymmetricEncryptionAlgorithm, CryptoExecutor, KeyVersionRef, SealedData, SigningAlgorithm,
} from '../../../domain/ports/crypto-executor.ts'
import type { Pkcs11Config } from './config.ts'
import { invalidCiphertext, invalidKeyMaterial } from '../../../domain/crypto-errors.ts'
import { isCkr, tokenFailure } from './errors.ts'
import * as M from './mechanisms.ts'
import { acquireModule, releaseModule } from './module-registry.ts'
import {
  RSA_BITS, destroyById, findByLabel, keyIdsOnToken, generateOnToken, generatedId, importSecretKey, importedId, isAes, isSecret, SECRET_BYTES,
  isRsa, isTokenSpec, versionLabel, type AesSpec, type EcSpec, type RsaSpec, type SecretSpec, type TokenSpec,
} from './objects.ts'
import { readPublicKey, spkiPem } from './public-key.ts'
import { SessionPool } from './session-pool.ts'
import { findSlotByLabel } from './slot.ts'
import { serializeTokenWrite } from './token-writes.ts'

type Handle = pkcs11js.Handle

/** A refusal decided inside a session callback; carried out of the pool as a value, never shown as a crash. */
class Refusal extends Error {
  constructor(readonly error: KmsError) {
    super(error.message)
  }
}

const DEFAULT_MAX_SESSIONS = 8

/**
 * CryptoExecutor on a PKCS#11 token (docs/architecture.md §5), tested against SoftHSMv2 2.6.1. Material is generated on the
 * token (sensitive, non-extractable) and found by label `keyledger:<keyId>:<versionId>`; only public keys leave.
 * What the token cannot do is refused with Rejected.UnsupportedOperation (SM2, SM4) or built so the private
 * operation stays on the token (RSAES-OAEP-SHA256: raw RSA on the token, OAEP decoding here).
 */
export class Pkcs11Executor implements CryptoExecutor {
  private readonly handles = new Map<string, { generation: number; handle: Handle }>()
  private readonly publicKeys = new Map<string, KeyObject>()
  private readonly generating = new Map<string, Promise<E.Either<KmsError, void>>>()
  private closed = false

  private constructor(
    private readonly p11: pkcs11js.PKCS11,
    private readonly pool: SessionPool,
    private readonly modulePath: string,
  ) {}

  /** Loads the module (shared per process), finds the token by label and logs in. */
  static open(config: Pkcs11Config): E.Either<KmsError, Pkcs11Executor> {
    let p11: pkcs11js.PKCS11
    try {
      p11 = acquireModule(config.modulePath)
    } catch (e) {
      return E.left(tokenFailure(`loading the PKCS#11 module ${config.modulePath}`, e))
    }
    let pool: SessionPool | undefined
    try {
      const slot = findSlotByLabel(p11, config.tokenLabel)
      if (E.isLeft(slot)) {
        releaseModule(config.modulePath)
        return slot
      }
      pool = new SessionPool(p11, slot.right, config.pin, config.maxSessions ?? DEFAULT_MAX_SESSIONS)
      pool.start()
      return E.right(new Pkcs11Executor(p11, pool, config.modulePath))
    } catch (e) {
      pool?.close()
      releaseModule(config.modulePath)
      return E.left(tokenFailure(`opening token "${config.tokenLabel}"`, e))
    }
  }

  async generate(ref: KeyVersionRef): Promise<E.Either<KmsError, void>> {
    const spec = ref.spec
    if (!isTokenSpec(spec)) return E.left(noMechanism(spec))
    const label = versionLabel(ref.keyId, ref.versionId)
    // Labels are not unique on a token (platform notes §1.4 pitfall 11): concurrent calls for one version share
    // one find-then-generate, so retries never make a second object.
    const running = this.generating.get(label)
    if (running) return running
    const work = serializeTokenWrite(() => this.session(`generating ${spec} material`, async (s) => {
      if (findByLabel(this.p11, s, label, privateClass(spec)).length > 0) return
      await generateOnToken(this.p11, s, spec, label, generatedId(ref.keyId))
    })).finally(() => this.generating.delete(label))
    this.generating.set(label, work)
    return work
  }

  async importMaterial(ref: KeyVersionRef, material: Buffer): Promise<E.Either<KmsError, void>> {
    const spec = ref.spec
    if (!isTokenSpec(spec) || !isSecret(spec)) return E.left(unsupportedOperation(`Key material can be imported into the hardware instance only for AES and HMAC keys, not ${spec}.`))
    if (material.length !== SECRET_BYTES[spec]) return E.left(badKeyMaterial(spec))
    const label = versionLabel(ref.keyId, ref.versionId)
    // A second import of the same version is a retry: the crypto service refuses material other than the key's
    // first (API reference §5.11) before it reaches any executor.
    return serializeTokenWrite(() => this.session('importing key material', (s) => {
      if (findByLabel(this.p11, s, label, pkcs11js.CKO_SECRET_KEY).length > 0) return
      importSecretKey(this.p11, s, spec, label, importedId(ref.keyId), material)
    }))
  }

  async destroy(keyId: string): Promise<E.Either<KmsError, void>> {
    this.forget(keyId)
    return serializeTokenWrite(() => this.session('destroying key material', (s) => {
      destroyById(this.p11, s, generatedId(keyId))
      destroyById(this.p11, s, importedId(keyId))
    }))
  }

  async destroyImported(keyId: string): Promise<E.Either<KmsError, void>> {
    this.forget(keyId)
    return serializeTokenWrite(() => this.session('destroying imported key material', (s) => void destroyById(this.p11, s, importedId(keyId))))
  }

  /** Every object whose label is ours (`keyledger:<keyId>:<versionId>`): Cryptoki cannot search by prefix. */
  async heldKeyIds(): Promise<E.Either<KmsError, readonly string[]>> {
    return this.session('listing key material', (s) => keyIdsOnToken(this.p11, s))
  }

  async encrypt(ref: KeyVersionRef, plaintext: Buffer, aad: Buffer): Promise<E.Either<KmsError, SealedData>> {
    const spec = aesSpec(ref)
    if (E.isLeft(spec)) return spec
    const iv = randomBytes(M.GCM_IV_BYTES)
    return this.session('encrypting', (s) => ({ iv, ...M.gcmEncrypt(this.p11, s, this.key(s, ref, pkcs11js.CKO_SECRET_KEY), iv, plaintext, aad) }))
  }

  async decrypt(ref: KeyVersionRef, sealed: SealedData, aad: Buffer): Promise<E.Either<KmsError, Buffer>> {
    const spec = aesSpec(ref)
    if (E.isLeft(spec)) return spec
    if (sealed.iv.length !== M.GCM_IV_BYTES || sealed.tag.length !== M.GCM_TAG_BYTES) return E.left(invalidCiphertext())
    return this.session('decrypting', (s) =>
      orInvalidCiphertext(M.gcmDecrypt(this.p11, s, this.key(s, ref, pkcs11js.CKO_SECRET_KEY), sealed.iv, sealed.ciphertext, sealed.tag, aad)))
  }

  async asymmetricEncrypt(ref: KeyVersionRef, algorithm: AsymmetricEncryptionAlgorithm, plaintext: Buffer): Promise<E.Either<KmsError, Buffer>> {
    const spec = rsaSpec(ref, algorithm)
    if (E.isLeft(spec)) return spec
    const k = RSA_BITS[spec.right] / 8
    if (plaintext.length > k - 2 * (algorithm === 'RSAES_OAEP_SHA_1' ? 20 : 32) - 2)
      return E.left(invalidParameter('Plaintext', `RSAES-OAEP with ${spec.right} takes at most ${k - 2 * (algorithm === 'RSAES_OAEP_SHA_1' ? 20 : 32) - 2} bytes.`))
    if (algorithm === 'RSAES_OAEP_SHA_1')
      return this.session('encrypting', (s) => M.oaepSha1Encrypt(this.p11, s, this.key(s, ref, pkcs11js.CKO_PUBLIC_KEY), k, plaintext))
    // OAEP-SHA256 is a public-key operation: done with the token's public key here, since SoftHSM 2.6.1 has no
    // OAEP-SHA256 mechanism (platform notes §1.3).
    const pub = await this.publicKey(ref, spec.right)
    if (E.isLeft(pub)) return pub
    return E.right(publicEncrypt({ key: pub.right, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, plaintext))
  }

  async asymmetricDecrypt(ref: KeyVersionRef, algorithm: AsymmetricEncryptionAlgorithm, ciphertext: Buffer): Promise<E.Either<KmsError, Buffer>> {
    const spec = rsaSpec(ref, algorithm)
    if (E.isLeft(spec)) return spec
    const k = RSA_BITS[spec.right] / 8
    const decrypt = algorithm === 'RSAES_OAEP_SHA_1' ? M.oaepSha1Decrypt : M.oaepSha256Decrypt
    return this.session('decrypting', async (s) =>
      orInvalidCiphertext(await decrypt(this.p11, s, this.key(s, ref, pkcs11js.CKO_PRIVATE_KEY), k, ciphertext)))
  }

  async sign(ref: KeyVersionRef, algorithm: SigningAlgorithm, digest: Buffer): Promise<E.Either<KmsError, Buffer>> {
    const checked = signingSpec(ref, algorithm, digest)
    if (E.isLeft(checked)) return checked
    const spec = checked.right
    if (isRsa(spec))
      return this.session('signing', (s) =>
        M.rsaSign(this.p11, s, this.key(s, ref, pkcs11js.CKO_PRIVATE_KEY), RSA_BITS[spec] / 8, algorithm as M.RsaSignature, digest))
    return this.session('signing', (s) => M.ecdsaSignDer(this.p11, s, this.key(s, ref, pkcs11js.CKO_PRIVATE_KEY), digest))
  }

  async verify(ref: KeyVersionRef, algorithm: SigningAlgorithm, digest: Buffer, signature: Buffer): Promise<E.Either<KmsError, boolean>> {
    const checked = signingSpec(ref, algorithm, digest)
    if (E.isLeft(checked)) return checked
    if (isRsa(checked.right))
      return this.session('verifying', (s) =>
        M.rsaVerify(this.p11, s, this.key(s, ref, pkcs11js.CKO_PUBLIC_KEY), algorithm as M.RsaSignature, digest, signature))
    return this.session('verifying', (s) => M.ecdsaVerifyDer(this.p11, s, this.key(s, ref, pkcs11js.CKO_PUBLIC_KEY), 32, digest, signature))
  }

  /** HMAC-SHA256 on the token (CKM_SHA256_HMAC over the generic secret); the secret never leaves it. */
  async mac(ref: KeyVersionRef, message: Buffer): Promise<E.Either<KmsError, Buffer>> {
    if (ref.spec !== 'HMAC_SHA256') return E.left(unsupportedOperation(`${ref.spec} is not an HMAC key.`))
    return this.session('making a MAC', (s) => {
      this.p11.C_SignInit(s, { mechanism: pkcs11js.CKM_SHA256_HMAC }, this.key(s, ref, pkcs11js.CKO_SECRET_KEY))
      // An empty message goes straight to C_SignFinal: SoftHSM answers C_Sign with no data CKR_ARGUMENTS_BAD.
      return message.length === 0 ? this.p11.C_SignFinal(s, Buffer.alloc(32)) : this.p11.C_Sign(s, message, Buffer.alloc(32))
    })
  }

  async publicKeyPem(ref: KeyVersionRef): Promise<E.Either<KmsError, string>> {
    const spec = ref.spec
    if (!isTokenSpec(spec)) return E.left(noMechanism(spec))
    if (isSecret(spec)) return E.left(unsupportedOperation('A symmetric key has no public key.'))
    const pub = await this.publicKey(ref, spec)
    return E.map(spkiPem)(pub)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await Promise.allSettled([...this.generating.values()])
    this.pool.close()
    releaseModule(this.modulePath)
  }

  /** Sessions lent by the pool, with one retry after a lost login or stale handles (pitfalls 3–4). */
  private async session<T>(doing: string, op: (s: Handle) => T | Promise<T>): Promise<E.Either<KmsError, T>> {
    if (this.closed) return E.left(internalFailure('The hardware security module connection is closed.'))
    for (let attempt = 0; ; attempt++) {
      try {
        return E.right(await this.pool.use(op))
      } catch (e) {
        if (e instanceof Refusal) return E.left(e.error)
        const recoverable = isCkr(e, pkcs11js.CKR_USER_NOT_LOGGED_IN, pkcs11js.CKR_OBJECT_HANDLE_INVALID,
          pkcs11js.CKR_KEY_HANDLE_INVALID, pkcs11js.CKR_SESSION_HANDLE_INVALID, pkcs11js.CKR_SESSION_CLOSED)
        if (attempt > 0 || !recoverable) return E.left(tokenFailure(doing, e))
        try {
          this.pool.ensureLoggedIn()
        } catch (again) {
          return E.left(tokenFailure('logging in again', again))
        }
        this.handles.clear()
      }
    }
  }

  /** Finds a version's object once per login; a handle found before a re-login is invalid after it. */
  private key(s: Handle, ref: KeyVersionRef, objectClass: number): Handle {
    const label = versionLabel(ref.keyId, ref.versionId)
    const cacheKey = `${objectClass}/${label}`
    const cached = this.handles.get(cacheKey)
    if (cached && cached.generation === this.pool.generation) return cached.handle
    const found = findByLabel(this.p11, s, label, objectClass)
    const [handle] = found
    // While logged out, FindObjects does not see private objects at all (pitfall 4): that is not missing material.
    if (!handle && !this.pool.isLoggedIn()) throw notLoggedIn()
    if (!handle) throw new Refusal(internalFailure(`The key material of version ${ref.versionId} of key ${ref.keyId} is not on the token.`))
    if (found.length > 1) throw new Refusal(internalFailure(`The token holds ${found.length} objects for version ${ref.versionId} of key ${ref.keyId}; refusing to guess.`))
    this.handles.set(cacheKey, { generation: this.pool.generation, handle })
    return handle
  }

  private async publicKey(ref: KeyVersionRef, spec: RsaSpec | EcSpec): Promise<E.Either<KmsError, KeyObject>> {
    const label = versionLabel(ref.keyId, ref.versionId)
    const cached = this.publicKeys.get(label)
    if (cached) return E.right(cached)
    const read = await this.session('reading a public key', (s) => readPublicKey(this.p11, s, this.key(s, ref, pkcs11js.CKO_PUBLIC_KEY), spec))
    if (E.isRight(read)) this.publicKeys.set(label, read.right)
    return read
  }

  private forget(keyId: string): void {
    const prefix = versionLabel(keyId, '')
    for (const k of this.handles.keys()) if (k.slice(k.indexOf('/') + 1).startsWith(prefix)) this.handles.delete(k)
    for (const k of this.publicKeys.keys()) if (k.startsWith(prefix)) this.publicKeys.delete(k)
  }
}

const notLoggedIn = (): Error => Object.assign(new Error('CKR_USER_NOT_LOGGED_IN'), { code: pkcs11js.CKR_USER_NOT_LOGGED_IN })

const privateClass = (spec: TokenSpec): number => (isSecret(spec) ? pkcs11js.CKO_SECRET_KEY : pkcs11js.CKO_PRIVATE_KEY)

const noMechanism = (spec: string): KmsError =>
  unsupportedOperation(`The hardware instance's PKCS#11 token has no mechanism for ${spec} (no SM2/SM3/SM4 on SoftHSM 2.6.1).`)

const badKeyMaterial = (spec: SecretSpec): KmsError => invalidKeyMaterial(`The key material of a ${spec} key is ${SECRET_BYTES[spec]} bytes.`)

const orInvalidCiphertext = (plaintext: Buffer | null): Buffer => {
  if (plaintext === null) throw new Refusal(invalidCiphertext())
  return plaintext
}

const aesSpec = (ref: KeyVersionRef): E.Either<KmsError, AesSpec> => {
  const spec = ref.spec
  if (!isTokenSpec(spec)) return E.left(noMechanism(spec))
  return isAes(spec) ? E.right(spec) : E.left(unsupportedOperation(`A ${spec} key does not encrypt symmetrically.`))
}

const rsaSpec = (ref: KeyVersionRef, algorithm: AsymmetricEncryptionAlgorithm): E.Either<KmsError, RsaSpec> => {
  if (algorithm === 'SM2PKE' || !isTokenSpec(ref.spec)) return E.left(noMechanism(algorithm === 'SM2PKE' ? 'SM2PKE' : ref.spec))
  return isRsa(ref.spec) ? E.right(ref.spec) : E.left(invalidParameter('Algorithm', `${algorithm} needs an RSA key, not ${ref.spec}.`))
}

const signingSpec = (ref: KeyVersionRef, algorithm: SigningAlgorithm, digest: Buffer): E.Either<KmsError, RsaSpec | EcSpec> => {
  if (algorithm === 'SM2DSA' || !isTokenSpec(ref.spec)) return E.left(noMechanism(algorithm === 'SM2DSA' ? 'SM2DSA' : ref.spec))
  const spec = ref.spec
  const fits = algorithm === 'ECDSA_SHA_256' ? spec === 'EC_P256' || spec === 'EC_P256K' : isRsa(spec)
  if (!fits) return E.left(invalidParameter('Algorithm', `${algorithm} does not apply to a ${spec} key.`))
  if (digest.length !== 32) return E.left(invalidParameter('Digest', 'A SHA-256 digest is 32 bytes.'))
  return E.right(spec as RsaSpec | EcSpec)
}
