import { timingSafeEqual } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { invalidParameter, unsupportedOperation, type KmsError } from '../../domain/errors.ts'
import type { KeyState } from '../../domain/key/index.ts'
import type { AuditTrail } from '../crypto-service.ts'
import { refOf, type CryptoCall, type Result } from './call.ts'
import type { KeyOpener } from '../access/key-access.ts'

/** The MAC algorithm of each HMAC key spec, as GenerateMac/VerifyMac name it (API reference §1.3, §5.7). */
const MAC_ALGORITHM: Record<string, string> = { HMAC_SHA256: 'HMAC_SHA_256', HMAC_SM3: 'HMAC_SM3' }

export type MacAnswer = { keyId: string; algorithm: string }

/**
 * GenerateMac/VerifyMac (3.x API): an HMAC key's primary version MACs the message inside the executor. VerifyMac
 * recomputes and compares in constant time here, so no executor can leak where a forged MAC first differs.
 */
export class MacCrypto {
  constructor(private readonly opener: KeyOpener) {}

  async generate(call: CryptoCall, trail: AuditTrail, input: { keyId: string; algorithm: string; message: Buffer }): Result<MacAnswer & { mac: Buffer }> {
    const r = await this.compute(call, trail, input, 'GenerateMac')
    return E.map((o: { s: KeyState; mac: Buffer }) => ({ keyId: o.s.keyId, algorithm: input.algorithm, mac: o.mac }))(r)
  }

  async verify(call: CryptoCall, trail: AuditTrail, input: { keyId: string; algorithm: string; message: Buffer; mac: Buffer }): Result<MacAnswer & { value: boolean }> {
    const r = await this.compute(call, trail, input, 'VerifyMac')
    return E.map((o: { s: KeyState; mac: Buffer }) => ({
      keyId: o.s.keyId, algorithm: input.algorithm,
      value: o.mac.length === input.mac.length && timingSafeEqual(o.mac, input.mac),
    }))(r)
  }

  private async compute(call: CryptoCall, trail: AuditTrail, input: { keyId: string; algorithm: string; message: Buffer }, action: string): Result<{ s: KeyState; mac: Buffer }> {
    const key = await this.opener.openKey(call, input.keyId, action, trail)
    if (E.isLeft(key)) return key
    const s = key.right.state
    const alg = checkMacAlgorithm(s, input.algorithm)
    if (E.isLeft(alg)) return alg
    trail.useAlgorithm(alg.right)
    const versionId = s.primaryVersionId!
    key.right.setVersion(versionId)
    const ref = refOf(s, versionId)
    const mac = await this.opener.withExecutor(ref, (x) => x.mac(ref, input.message))
    return E.map((m: Buffer) => ({ s, mac: m }))(mac)
  }
}

const checkMacAlgorithm = (s: KeyState, algorithm: string): E.Either<KmsError, string> => {
  if (s.usage !== 'GENERATE/VERIFY_MAC') return E.left(unsupportedOperation(`The key's usage is ${s.usage}; it does not make MACs.`))
  const allowed = MAC_ALGORITHM[s.spec]
  return algorithm === allowed ? E.right(algorithm) : E.left(invalidParameter('Algorithm', `${s.spec} makes MACs with ${allowed}.`))
}
