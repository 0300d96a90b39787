import { createHash, randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { PathReporter } from 'io-ts/lib/PathReporter.js'
import type * as t from 'io-ts'
import { internalFailure, invalidParameter, unsupportedOperation, type KmsError } from '../../../domain/errors.ts'
import type { CryptoExecutor, KeyVersionRef, SealedData } from '../../../domain/ports/crypto-executor.ts'
import { EXTERNAL_KEY_ID } from '../blob.ts'
import { XksClient, type XksEndpoint, type XksFailure } from './client.ts'
import { failureText, kmsErrorOf, unavailable } from './errors.ts'
import { DecryptAnswer, EncryptAnswer, HealthAnswer, KeyMetadataAnswer, type XksRequestMetadata } from './wire.ts'

// The executor of an external key instance (docs/external-keys.md, docs/architecture.md §5): the material never
// leaves the external key manager; every Encrypt/Decrypt/data key is one call to its XKS proxy, nothing cached.
// "Generating" a version is checking, with GetKeyMetadata, that the external key exists, is AES_256, may encrypt
// and decrypt, and is ENABLED (XKS Proxy API: what AWS KMS checks at CreateKey).

const IV_LENGTHS = [12, 16]
// What every proxy must take (XKS Proxy API, Encrypt): more is refused here, with a clear 400, not left to one
// proxy's ValidationException or UnsupportedOperationException.
export const XKS_MAX_PLAINTEXT = 4300
export const XKS_MAX_AAD = 8192
const TAG_BYTES = 16
const MAX_METADATA = 20

export type HealthReport =
  | { readonly healthy: true; readonly tookMs: number; readonly answer: HealthAnswer }
  | { readonly healthy: false; readonly tookMs: number; readonly why: string }

const notServed = (what: string): KmsError => unsupportedOperation(`S-2.4: external keys encrypt and decrypt only; ${what} is not served.`)

export class XksExecutor implements CryptoExecutor {
  private readonly client: XksClient

  constructor(private readonly instanceId: string, endpoint: XksEndpoint) {
    this.client = new XksClient(endpoint)
  }

  /** GetHealthStatus: is the proxy reachable, does it accept our credential, and how is its key manager? */
  async health(operation = 'KmsHealthCheck'): Promise<HealthReport> {
    const started = Date.now()
    const answer = await this.client.post('/health', { requestMetadata: { kmsRequestId: randomUUID(), kmsOperation: operation } })
    const tookMs = Date.now() - started
    if (!answer.ok) return { healthy: false, tookMs, why: failureText(answer.failure) }
    const decoded = HealthAnswer.decode(answer.body)
    if (E.isLeft(decoded)) return { healthy: false, tookMs, why: 'the health answer of the external key store proxy cannot be interpreted' }
    const active = decoded.right.ekmFleetDetails.some((d) => d.healthStatus === 'ACTIVE' || d.healthStatus === 'DEGRADED')
    return active ? { healthy: true, tookMs, answer: decoded.right }
      : { healthy: false, tookMs, why: 'the external key store proxy reports no external key manager able to serve traffic' }
  }

  async generate(ref: KeyVersionRef): Promise<E.Either<KmsError, void>> {
    const id = ref.externalKeyId
    if (id === undefined || !EXTERNAL_KEY_ID.test(id))
      return E.left(invalidParameter('ExternalKeyId', 'S-1.4: an external key id is 1-128 letters, digits, "-", "." or "_" (XKS Proxy API).'))
    if (ref.spec !== 'Aliyun_AES_256')
      return E.left(invalidParameter('KeySpec', `S-2.4: instance ${this.instanceId} reaches its key manager through an XKS proxy, which serves AES-256 keys only (Aliyun_AES_256).`))
    const answer = await this.call(ref, 'metadata', {}, KeyMetadataAnswer)
    if (E.isLeft(answer)) {
      const e = answer.left
      // At CreateKey an unusable external key is a bad ExternalKeyId, not a key state (there is no key yet).
      return E.left(e.code === 'Rejected.Disabled' || e.code === 'Rejected.UnsupportedOperation' ? invalidParameter('ExternalKeyId', e.message) : e)
    }
    const m = answer.right
    const problems = [
      ...(m.keySpec === 'AES_256' ? [] : [`its key spec is ${m.keySpec}, not AES_256`]),
      ...(m.keyUsage.includes('ENCRYPT') && m.keyUsage.includes('DECRYPT') ? [] : ['it may not both ENCRYPT and DECRYPT']),
      ...(m.keyStatus === 'ENABLED' ? [] : [`its status is ${m.keyStatus}`]),
    ]
    return problems.length === 0 ? E.right(undefined)
      : E.left(invalidParameter('ExternalKeyId', `S-1.4: the external key ${id} cannot back a key: ${problems.join('; ')}.`))
  }

  async encrypt(ref: KeyVersionRef, plaintext: Buffer, aad: Buffer): Promise<E.Either<KmsError, SealedData>> {
    if (plaintext.length > XKS_MAX_PLAINTEXT)
      return E.left(invalidParameter('Plaintext', `an external key encrypts at most ${XKS_MAX_PLAINTEXT} bytes (XKS Proxy API); use a data key for more.`))
    if (aad.length > XKS_MAX_AAD) return E.left(invalidParameter('EncryptionContext', `too large for an external key: its AAD is at most ${XKS_MAX_AAD} bytes (XKS Proxy API).`))
    const answer = await this.call(ref, 'encrypt', {
      plaintext: plaintext.toString('base64'), encryptionAlgorithm: 'AES_GCM',
      additionalAuthenticatedData: aad.toString('base64'), ciphertextDataIntegrityValueAlgorithm: 'SHA_256',
    }, EncryptAnswer)
    if (E.isLeft(answer)) return answer
    const a = answer.right
    const shapeProblem =
      a.ciphertext.length !== plaintext.length ? 'the ciphertext is not as long as the plaintext'
        : !IV_LENGTHS.includes(a.initializationVector.length) ? 'the IV is neither 12 nor 16 bytes'
          : a.authenticationTag.length !== TAG_BYTES ? 'the tag is not 16 bytes'
            : (a.ciphertextMetadata?.length ?? 0) > MAX_METADATA ? 'the ciphertext metadata is over 20 bytes'
              : !cdivMatches(aad, a) ? 'its ciphertextDataIntegrityValue does not match what it returned'
                : undefined
    if (shapeProblem !== undefined) return E.left(unavailable(`the answer of the external key store proxy cannot be used: ${shapeProblem}`))
    return E.right({
      iv: a.initializationVector, tag: a.authenticationTag, ciphertext: a.ciphertext,
      ...(a.ciphertextMetadata && a.ciphertextMetadata.length > 0 ? { metadata: a.ciphertextMetadata } : {}),
    })
  }

  async decrypt(ref: KeyVersionRef, sealed: SealedData, aad: Buffer): Promise<E.Either<KmsError, Buffer>> {
    if (aad.length > XKS_MAX_AAD) return E.left(invalidParameter('EncryptionContext', `too large for an external key: its AAD is at most ${XKS_MAX_AAD} bytes (XKS Proxy API).`))
    const answer = await this.call(ref, 'decrypt', {
      ciphertext: sealed.ciphertext.toString('base64'), encryptionAlgorithm: 'AES_GCM',
      additionalAuthenticatedData: aad.toString('base64'),
      initializationVector: sealed.iv.toString('base64'), authenticationTag: sealed.tag.toString('base64'),
      ...(sealed.metadata ? { ciphertextMetadata: sealed.metadata.toString('base64') } : {}),
    }, DecryptAnswer)
    if (E.isLeft(answer)) return answer
    if (answer.right.plaintext.length !== sealed.ciphertext.length)
      return E.left(unavailable('the answer of the external key store proxy cannot be used: the plaintext is not as long as the ciphertext'))
    return E.right(answer.right.plaintext)
  }

  /** One XKS call about the ref's external key, its answer decoded, any failure as the API's error. */
  private async call<A>(ref: KeyVersionRef, op: 'metadata' | 'encrypt' | 'decrypt', fields: Record<string, string>, codec: t.Type<A, unknown>): Promise<E.Either<KmsError, A>> {
    const id = ref.externalKeyId
    if (id === undefined || ref.request === undefined) return E.left(internalFailure(`an external key call on ${ref.keyId} without its external key id or request`))
    const r = ref.request
    const requestMetadata: XksRequestMetadata = {
      awsPrincipalArn: r.principalArn, kmsOperation: r.operation, kmsRequestId: r.requestId,
      ...(r.keyArn !== undefined && op !== 'metadata' ? { kmsKeyArn: r.keyArn } : {}),
      ...(r.viaService !== undefined && op !== 'metadata' ? { kmsViaService: r.viaService } : {}),
    }
    const answer = await this.client.post(`/keys/${id}/${op}`, { requestMetadata, ...fields })
    if (!answer.ok) return E.left(kmsErrorOf(answer.failure, id))
    const decoded = codec.decode(answer.body)
    if (E.isLeft(decoded)) {
      const malformed: XksFailure = { kind: 'malformed', detail: PathReporter.report(decoded)[0]?.slice(0, 120) ?? 'unexpected shape' }
      return E.left(kmsErrorOf(malformed, id))
    }
    return E.right(decoded.right)
  }

  importMaterial(): Promise<E.Either<KmsError, void>> {
    return Promise.resolve(E.left(unsupportedOperation('S-1.4: an external key already exists in its key manager; nothing is imported.')))
  }

  /** The material is the external key manager's: keyledger never destroys it (docs/external-keys.md). */
  destroy(): Promise<E.Either<KmsError, void>> {
    return Promise.resolve(E.right(undefined))
  }

  destroyImported(): Promise<E.Either<KmsError, void>> {
    return Promise.resolve(E.right(undefined))
  }

  heldKeyIds(): Promise<E.Either<KmsError, readonly string[]>> {
    return Promise.resolve(E.right([]))
  }

  asymmetricEncrypt(): Promise<E.Either<KmsError, Buffer>> { return Promise.resolve(E.left(notServed('AsymmetricEncrypt'))) }
  asymmetricDecrypt(): Promise<E.Either<KmsError, Buffer>> { return Promise.resolve(E.left(notServed('AsymmetricDecrypt'))) }
  sign(): Promise<E.Either<KmsError, Buffer>> { return Promise.resolve(E.left(notServed('AsymmetricSign'))) }
  verify(): Promise<E.Either<KmsError, boolean>> { return Promise.resolve(E.left(notServed('AsymmetricVerify'))) }
  mac(): Promise<E.Either<KmsError, Buffer>> { return Promise.resolve(E.left(notServed('GenerateMac'))) }
  publicKeyPem(): Promise<E.Either<KmsError, string>> { return Promise.resolve(E.left(notServed('GetPublicKey'))) }

  close(): Promise<void> {
    this.client.close()
    return Promise.resolve()
  }
}

/** XKS Proxy API Appendix C: SHA-256 over AAD ‖ ciphertextMetadata ‖ IV ‖ ciphertext ‖ tag. */
export const ciphertextDataIntegrityValue = (aad: Buffer, a: { ciphertextMetadata?: Buffer; initializationVector: Buffer; ciphertext: Buffer; authenticationTag: Buffer }): Buffer =>
  createHash('sha256').update(Buffer.concat([aad, a.ciphertextMetadata ?? Buffer.alloc(0), a.initializationVector, a.ciphertext, a.authenticationTag])).digest()

const cdivMatches = (aad: Buffer, a: EncryptAnswer): boolean =>
  a.ciphertextDataIntegrityValue !== undefined && ciphertextDataIntegrityValue(aad, a).equals(a.ciphertextDataIntegrityValue)
