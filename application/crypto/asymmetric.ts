import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../../domain/errors.ts'
import type { KeyState } from '../../domain/key/index.ts'
import type { CryptoExecutor, KeyVersionRef } from '../../domain/ports/crypto-executor.ts'
import { checkEncryptionAlgorithm, checkSigningAlgorithm } from './algorithms.ts'
import type { AuditTrail } from '../crypto-service.ts'
import { answer, type AsymmetricTarget, type CryptoCall, type KeyVersionAnswer, type Result } from './call.ts'
import type { KeyOpener } from '../access/key-access.ts'

/**
 * AsymmetricEncrypt/Decrypt/Sign/Verify and GetPublicKey (API reference §5.7): always on a named version
 * (asymmetric keys have no primary version); the algorithm is checked against the key and recorded.
 */
export class AsymmetricCrypto {
  constructor(private readonly opener: KeyOpener) {}

  encrypt(call: CryptoCall, trail: AuditTrail, input: AsymmetricTarget & { algorithm: string; plaintext: Buffer }): Result<KeyVersionAnswer & { ciphertextBlob: Buffer }> {
    return this.run(call, trail, input, 'AsymmetricEncrypt', checkEncryptionAlgorithm, (x, ref, alg) => x.asymmetricEncrypt(ref, alg, input.plaintext),
      (ciphertextBlob) => ({ ciphertextBlob }))
  }

  decrypt(call: CryptoCall, trail: AuditTrail, input: AsymmetricTarget & { algorithm: string; ciphertextBlob: Buffer }): Result<KeyVersionAnswer & { plaintext: Buffer }> {
    return this.run(call, trail, input, 'AsymmetricDecrypt', checkEncryptionAlgorithm, (x, ref, alg) => x.asymmetricDecrypt(ref, alg, input.ciphertextBlob),
      (plaintext) => ({ plaintext }))
  }

  /** `digest`: the message's SHA-256 (SM3(Z‖M) for SM2DSA), as the API takes it. Returns a DER/raw signature. */
  sign(call: CryptoCall, trail: AuditTrail, input: AsymmetricTarget & { algorithm: string; digest: Buffer }): Result<KeyVersionAnswer & { value: Buffer }> {
    return this.run(call, trail, input, 'AsymmetricSign', checkSigningAlgorithm, (x, ref, alg) => x.sign(ref, alg, input.digest), (value) => ({ value }))
  }

  verify(call: CryptoCall, trail: AuditTrail, input: AsymmetricTarget & { algorithm: string; digest: Buffer; value: Buffer }): Result<KeyVersionAnswer & { value: boolean }> {
    return this.run(call, trail, input, 'AsymmetricVerify', checkSigningAlgorithm, (x, ref, alg) => x.verify(ref, alg, input.digest, input.value), (value) => ({ value }))
  }

  /** The version's public key as SPKI PEM (S-9.1). */
  async publicKey(call: CryptoCall, trail: AuditTrail, input: AsymmetricTarget): Result<KeyVersionAnswer & { publicKey: string }> {
    const target = await this.opener.openVersion(call, input, 'GetPublicKey', trail)
    if (E.isLeft(target)) return target
    const out = await this.opener.withExecutor(target.right.ref, (x) => x.publicKeyPem(target.right.ref))
    return E.map((publicKey: string) => ({ ...answer(target.right.ref), publicKey }))(out)
  }

  private async run<Alg extends string, R, O extends object>(
    call: CryptoCall, trail: AuditTrail, input: AsymmetricTarget & { algorithm: string }, action: string,
    check: (s: KeyState, algorithm: string) => E.Either<KmsError, Alg>,
    use: (x: CryptoExecutor, ref: KeyVersionRef, algorithm: Alg) => Promise<E.Either<KmsError, R>>, shape: (r: R) => O,
  ): Result<KeyVersionAnswer & O> {
    const target = await this.opener.openVersion(call, input, action, trail)
    if (E.isLeft(target)) return target
    const alg = check(target.right.state, input.algorithm)
    if (E.isLeft(alg)) return alg
    trail.useAlgorithm(alg.right)
    const { ref } = target.right
    const out = await this.opener.withExecutor(ref, (x) => use(x, ref, alg.right))
    return E.map((r: R) => ({ ...answer(ref), ...shape(r) }))(out)
  }
}
