import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import type { CryptoExecutor, KeyVersionRef } from '../../domain/ports/crypto-executor.ts'
import type { KeySpec } from '../../domain/values/key-spec.ts'
import { hex, type WycheproofTest } from './wycheproof.ts'

let n = 0

/**
 * Runs Wycheproof HMAC vectors through an executor's MAC path (issue 15 item 4): each vector's key is imported as
 * a fresh key's material, the executor MACs the vector's message, and the MAC must equal a valid tag and differ
 * from every modified ("invalid") one. Only full-length tags of 256-bit keys apply (HMAC keys hold 32 bytes).
 */
export const checkMacVectors = async (x: CryptoExecutor, kind: 'software' | 'hardware', spec: KeySpec, vectors: readonly WycheproofTest[]): Promise<number> => {
  for (const v of vectors) {
    const ref: KeyVersionRef = { keyId: `key-hmac${String(++n).padStart(8, '0')}`, versionId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      spec, kind, instanceId: 'kst-hmac0001' }
    const imported = await x.importMaterial(ref, hex(v.key))
    assert.ok(E.isRight(imported), `tcId ${v.tcId}: import`)
    const mac = await x.mac(ref, hex(v.msg))
    if (E.isLeft(mac)) throw new Error(`tcId ${v.tcId}: ${mac.left.code} ${mac.left.message}`)
    assert.is(mac.right.equals(hex(v.tag)), v.result === 'valid', `tcId ${v.tcId} (${v.comment})`)
  }
  return vectors.length
}
