import { createHmac } from 'node:crypto'
import { hasPrimaryVersion } from '../../../domain/values/key-spec.ts'
import * as E from 'fp-ts/lib/Either.js'
import {
  faultCause, internalFailure, invalidParameter, isKmsError, keyVersionNotFound, unsupportedOperation, type KmsError,
} from '../../../domain/errors.ts'
import { invalidCiphertext } from '../../../domain/crypto-errors.ts'
import type {
  AsymmetricEncryptionAlgorithm, CryptoExecutor, KeyVersionRef, SealedData, SigningAlgorithm,
} from '../../../domain/ports/crypto-executor.ts'
import type { KeyVault } from '../../../domain/ports/key-vault.ts'
import { ecdsaSignDigest, ecdsaVerifyDigest } from './ecdsa.ts'
import { generateMaterial, loadMaterial, type LoadedMaterial } from './material.ts'
import {
  oaepDecrypt, oaepEncrypt, oaepMaxPlaintext, pkcs1SignDigest, pkcs1VerifyDigest, pssSignDigest, pssVerifyDigest, type OaepHash,
} from './rsa.ts'
import { SM2_MAX_PLAINTEXT, sm2Decrypt, sm2Encrypt, sm2PublicKeyPem, sm2SignDigest, sm2VerifyDigest } from './sm2.ts'
import { aesGcmOpen, aesGcmSeal, sm4Open, sm4Seal } from './symmetric.ts'

type Result<A> = Promise<E.Either<KmsError, A>>

const OAEP_HASH: Record<string, OaepHash> = { RSAES_OAEP_SHA_256: 'sha256', RSAES_OAEP_SHA_1: 'sha1' }
const DIGEST_BYTES = 32 // SHA-256 and SM3
/** Versions whose parsed material stays in memory: a hot working set, not every version ever used. */
export const DEFAULT_MATERIAL_CACHE_SIZE = 4096

/**
 * The software executor (docs/architecture.md §5): node:crypto (and @noble/curves for SM2 and digest-level ECDSA) over material from the vault.
 * Every failure is a KmsError value; no exception leaves a method (a bug surfaces as `InternalFailure`).
 */
export class SoftwareExecutor implements CryptoExecutor {
  /** Parsed material by `keyId/versionId`, least recently used first (a Map keeps insertion order). */
  private readonly cache = new Map<string, LoadedMaterial>()
  private readonly cacheSize: number

  /** `cacheSize`: how many versions' parsed material stay in memory (LRU); DEFAULT_MATERIAL_CACHE_SIZE by default. */
  constructor(private readonly vault: KeyVault, options: { cacheSize?: number } = {}) {
    this.cacheSize = Math.max(1, options.cacheSize ?? DEFAULT_MATERIAL_CACHE_SIZE)
  }

  /** How many versions' material is held in memory now (for specs and operators). */
  get cachedVersions(): number {
    return this.cache.size
  }

  generate(ref: KeyVersionRef): Result<void> {
    return guard(`Generating the key material of ${ref.keyId}/${ref.versionId}`, async () => {
      const existing = await this.vault.get(ref.keyId, ref.versionId)
      if (E.isLeft(existing)) return existing
      if (existing.right) return E.right(undefined) // idempotent: a retried command keeps the first material
      const { kind, material } = await generateMaterial(ref.spec)
      await this.vault.put(ref.keyId, ref.versionId, kind, material, false)
      material.fill(0)
      return E.right(undefined)
    })
  }

  importMaterial(ref: KeyVersionRef, material: Buffer): Result<void> {
    return guard(`Storing the imported material of ${ref.keyId}/${ref.versionId}`, async () => {
      const kind = hasPrimaryVersion(ref.spec) ? 'raw' : 'pkcs8'
      const loaded = loadMaterial(ref.spec, kind, material)
      if (E.isLeft(loaded)) return loaded
      // "Only the same material comes back" (API reference §5.11) is the crypto service's rule, for every executor.
      await this.vault.put(ref.keyId, ref.versionId, kind, material, true)
      return E.right(undefined)
    })
  }

  destroy(keyId: string): Result<void> {
    return this.shred(`Destroying the key material of ${keyId}`, keyId, () => this.vault.destroyKey(keyId))
  }

  destroyImported(keyId: string): Result<void> {
    return this.shred(`Destroying the imported material of ${keyId}`, keyId, () => this.vault.destroyImported(keyId))
  }

  /** Drops the key from the cache around the vault's destruction: a call that read the vault meanwhile may have cached it again. */
  private shred(what: string, keyId: string, destroy: () => Promise<unknown>): Result<void> {
    return guard(what, async () => {
      this.forget(keyId)
      await destroy()
      this.forget(keyId)
      return E.right(undefined)
    })
  }

  /** Every key with material, an import fingerprint or an import token left in the vault (destroy removes all three). */
  heldKeyIds(): Result<readonly string[]> {
    // Import tokens count: a deleted key whose destroy failed with only tokens left is shredded too.
    return guard('Listing the keys in the vault', async () => E.right([...new Set([...await this.vault.keyIds(), ...await this.vault.importTokenKeyIds()])]))
  }

  encrypt(ref: KeyVersionRef, plaintext: Buffer, aad: Buffer): Result<SealedData> {
    return this.withMaterial(ref, (m) => {
      if (m.type === 'aes') return E.right(aesGcmSeal(m.key, plaintext, aad))
      if (m.type === 'sm4') return E.right(sm4Seal(m.keys, plaintext, aad))
      return E.left(unsupportedOperation(`${ref.spec} is not a symmetric key.`))
    })
  }

  decrypt(ref: KeyVersionRef, sealed: SealedData, aad: Buffer): Result<Buffer> {
    return this.withMaterial(ref, (m) => {
      const out = m.type === 'aes' ? aesGcmOpen(m.key, sealed, aad) : m.type === 'sm4' ? sm4Open(m.keys, sealed, aad) : null
      if (out === null) return E.left(unsupportedOperation(`${ref.spec} is not a symmetric key.`))
      return out ? E.right(out) : E.left(invalidCiphertext())
    })
  }

  asymmetricEncrypt(ref: KeyVersionRef, algorithm: AsymmetricEncryptionAlgorithm, plaintext: Buffer): Result<Buffer> {
    return this.withMaterial(ref, (m) => {
      if (m.type === 'rsa' && OAEP_HASH[algorithm]) {
        const hash = OAEP_HASH[algorithm]
        if (plaintext.length > oaepMaxPlaintext(m.publicKey, hash))
          return E.left(invalidParameter('Plaintext', `${algorithm} with ${ref.spec} takes at most ${oaepMaxPlaintext(m.publicKey, hash)} bytes.`))
        return E.right(oaepEncrypt(m.publicKey, hash, plaintext))
      }
      if (m.type === 'sm2' && algorithm === 'SM2PKE') {
        if (plaintext.length === 0 || plaintext.length > SM2_MAX_PLAINTEXT)
          return E.left(invalidParameter('Plaintext', `SM2PKE takes 1 to ${SM2_MAX_PLAINTEXT} bytes.`))
        return E.right(sm2Encrypt(m.keys.publicKeyHex, plaintext))
      }
      return E.left(invalidParameter('Algorithm', `${algorithm} does not apply to ${ref.spec}.`))
    })
  }

  asymmetricDecrypt(ref: KeyVersionRef, algorithm: AsymmetricEncryptionAlgorithm, ciphertext: Buffer): Result<Buffer> {
    return this.withMaterial(ref, (m) => {
      if (m.type === 'rsa' && OAEP_HASH[algorithm]) {
        const out = oaepDecrypt(m.privateKey, OAEP_HASH[algorithm], ciphertext)
        return out ? E.right(out) : E.left(invalidCiphertext())
      }
      if (m.type === 'sm2' && algorithm === 'SM2PKE') {
        const out = sm2Decrypt(m.keys, ciphertext)
        return out ? E.right(out) : E.left(invalidCiphertext())
      }
      return E.left(invalidParameter('Algorithm', `${algorithm} does not apply to ${ref.spec}.`))
    })
  }

  sign(ref: KeyVersionRef, algorithm: SigningAlgorithm, digest: Buffer): Result<Buffer> {
    return this.withMaterial(ref, (m) => {
      if (digest.length !== DIGEST_BYTES) return E.left(invalidParameter('Digest', `${algorithm} signs a ${DIGEST_BYTES}-byte digest.`))
      const sig =
        m.type === 'rsa' && algorithm === 'RSA_PSS_SHA_256' ? pssSignDigest(m.privateKey, digest)
          : m.type === 'rsa' && algorithm === 'RSA_PKCS1_SHA_256' ? pkcs1SignDigest(m.privateKey, digest)
            : m.type === 'ec' && algorithm === 'ECDSA_SHA_256' ? ecdsaSignDigest(m.ecdsa, digest)
              : m.type === 'sm2' && algorithm === 'SM2DSA' ? sm2SignDigest(m.keys, digest)
                : null
      if (sig === null) return E.left(invalidParameter('Algorithm', `${algorithm} does not apply to ${ref.spec}.`))
      return sig ? E.right(sig) : E.left(internalFailure('The signature could not be made.'))
    })
  }

  verify(ref: KeyVersionRef, algorithm: SigningAlgorithm, digest: Buffer, signature: Buffer): Result<boolean> {
    return this.withMaterial(ref, (m) => {
      if (digest.length !== DIGEST_BYTES) return E.left(invalidParameter('Digest', `${algorithm} verifies a ${DIGEST_BYTES}-byte digest.`))
      const ok =
        m.type === 'rsa' && algorithm === 'RSA_PSS_SHA_256' ? pssVerifyDigest(m.publicKey, digest, signature)
          : m.type === 'rsa' && algorithm === 'RSA_PKCS1_SHA_256' ? pkcs1VerifyDigest(m.publicKey, digest, signature)
            : m.type === 'ec' && algorithm === 'ECDSA_SHA_256' ? ecdsaVerifyDigest(m.ecdsa.curve, m.ecdsa.publicKey, digest, signature)
              : m.type === 'sm2' && algorithm === 'SM2DSA' ? sm2VerifyDigest(m.keys.publicKeyHex, digest, signature)
                : null
      return ok === null ? E.left(invalidParameter('Algorithm', `${algorithm} does not apply to ${ref.spec}.`)) : E.right(ok)
    })
  }

  mac(ref: KeyVersionRef, message: Buffer): Result<Buffer> {
    return this.withMaterial(ref, (m) =>
      m.type === 'hmac' ? E.right(createHmac(m.hash, m.key).update(message).digest()) : E.left(unsupportedOperation(`${ref.spec} is not an HMAC key.`)))
  }

  publicKeyPem(ref: KeyVersionRef): Result<string> {
    return this.withMaterial(ref, (m) => {
      if (m.type === 'rsa' || m.type === 'ec') return E.right(m.publicKey.export({ type: 'spki', format: 'pem' }) as string)
      if (m.type === 'sm2') return E.right(sm2PublicKeyPem(m.keys.publicKeyHex))
      return E.left(unsupportedOperation(`${ref.spec} is a symmetric key; it has no public key.`))
    })
  }

  async close(): Promise<void> {
    for (const [k, m] of this.cache) this.evict(k, m)
    await this.vault.close()
  }

  /**
   * Drops a key's loaded material from this process's cache, zeroed. The node that deletes a key calls it through
   * destroy; other nodes sharing the vault call it when they see the key's KeyDeleted or KeyMaterialDeleted
   * (composition/crypto-stack.ts).
   */
  forget(keyId: string): void {
    for (const [k, m] of this.cache) if (k.startsWith(`${keyId}/`)) this.evict(k, m)
  }

  /**
   * Symmetric keys are our own buffers: zeroed when they leave the cache. No operation holds them across an
   * await: `withMaterial` looks up (or loads) and uses the material in one synchronous stretch.
   */
  private evict(id: string, m: LoadedMaterial): void {
    if (this.cache.get(id) === m) this.cache.delete(id)
    wipe(m)
  }

  /** The cached material, now the most recently used (a Map keeps insertion order: the least recent goes first). */
  private cached(id: string): LoadedMaterial | undefined {
    const m = this.cache.get(id)
    if (m) {
      this.cache.delete(id)
      this.cache.set(id, m)
    }
    return m
  }

  /**
   * Runs `use` on the version's material. The vault is asynchronous, and while it is read another call may load
   * (and evict, zeroing), or a KeyDeleted may forget: so the material is looked up again after the read, and
   * `use` runs in the same synchronous stretch as the lookup, never after an await that could zero what it holds.
   */
  private withMaterial<A>(ref: KeyVersionRef, use: (m: LoadedMaterial) => E.Either<KmsError, A>): Result<A> {
    return guard(`The crypto operation on ${ref.keyId}/${ref.versionId}`, async () => {
      const id = `${ref.keyId}/${ref.versionId}`
      const hit = this.cached(id)
      if (hit) return use(hit)
      const stored = await this.vault.get(ref.keyId, ref.versionId)
      if (E.isLeft(stored)) return stored
      if (!stored.right) return E.left(keyVersionNotFound(ref.versionId))
      const loaded = loadMaterial(ref.spec, stored.right.kind, stored.right.material)
      stored.right.material.fill(0)
      if (E.isLeft(loaded)) return E.left(internalFailure(`The material of ${id} does not fit ${ref.spec}.`))
      const raced = this.cached(id) // another call loaded it meanwhile: keep one copy
      if (raced) {
        wipe(loaded.right)
        return use(raced)
      }
      this.cache.set(id, loaded.right)
      for (const [k, m] of this.cache) {
        if (this.cache.size <= this.cacheSize) break
        this.evict(k, m)
      }
      return use(loaded.right)
    })
  }
}

/** Zeroes the buffers a LoadedMaterial owns (symmetric keys; KeyObjects of asymmetric keys cannot be wiped). */
const wipe = (m: LoadedMaterial): void => {
  if (m.type === 'aes') m.key.fill(0)
  if (m.type === 'sm4') {
    m.keys.encKey.fill(0)
    m.keys.macKey.fill(0)
  }
}

/**
 * No exception escapes an executor: an unexpected one becomes InternalFailure naming what failed and why (the
 * cause's text, scrubbed by faultCause), so the log says why a vault or a library failed; callers see a generic 5xx.
 */
const guard = async <A>(what: string, run: () => Promise<E.Either<KmsError, A>>): Promise<E.Either<KmsError, A>> => {
  try {
    return await run()
  } catch (e) {
    return E.left(isKmsError(e) ? e : internalFailure(`${what} failed: ${faultCause(e)}`))
  }
}
