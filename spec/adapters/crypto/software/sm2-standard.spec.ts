import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { readFileSync } from 'node:fs'
import smCrypto from 'sm-crypto'
import { derInteger, derSequence, parseSequence, parseUnsignedInteger } from '../../../../adapters/crypto/software/der.ts'
import {
  SM2_P256, sm2Curve, sm2DecryptWith, sm2EncryptWith, sm2MessageDigest, sm2PublicKeyOf, sm2SignDigest, sm2SignWith, sm2VerifyDigest,
} from '../../../../adapters/crypto/software/sm2.ts'

// Issue 13, item 7: SM2 on @noble/curves with node:crypto's randomness and hashes (adapters/crypto/software/sm2.ts).
// The GB/T 32918 worked examples (spec/vectors/sm2-gbt32918.json) fix the arithmetic: with the standard's k the
// signature and the ciphertext come out byte for byte; sm-crypto (dev only now) verifies and decrypts ours on
// the recommended curve; and the nonces are neither repeated nor fixed.

const V = JSON.parse(readFileSync(new URL('../../../vectors/sm2-gbt32918.json', import.meta.url), 'utf8'))
const big = (hex: string) => BigInt(`0x${hex}`)
const example = sm2Curve({ p: big(V.curve.p), a: big(V.curve.a), b: big(V.curve.b), n: big(V.curve.n), Gx: big(V.curve.Gx), Gy: big(V.curve.Gy) })
const fixedK = (k: bigint) => (attempt: (k: bigint) => { r: bigint; s: bigint } | undefined) => {
  const sig = attempt(k)
  if (!sig) throw new Error('the example k was refused')
  return sig
}
const rs = (der: Buffer) => parseSequence(der)!.map((i) => parseUnsignedInteger(i)!)

test('GB/T 32918.2 Annex A: with the example k, (r, s) is the standard\'s, and it verifies', () => {
  const s = V.signature
  const pub = sm2PublicKeyOf(s.d, example)
  const e = sm2MessageDigest(pub, Buffer.from(s.message), s.id, example)
  const sig = sm2SignWith(example, big(s.d), e, fixedK(big(s.k)))
  assert.is(sig.r.toString(16).toUpperCase(), s.r)
  assert.is(sig.s.toString(16).toUpperCase(), s.s)
  assert.ok(sm2VerifyDigest(pub, e, derSequence(derInteger(sig.r), derInteger(sig.s)), example))
  assert.not.ok(sm2VerifyDigest(pub, sm2MessageDigest(pub, Buffer.from('message digesT'), s.id, example), derSequence(derInteger(sig.r), derInteger(sig.s)), example))
})

test('GB/T 32918.4 Annex A: with the example k, the DER C1C3C2 ciphertext is the standard\'s, and it decrypts', () => {
  const c = V.encryption
  const pub = sm2PublicKeyOf(c.d, example)
  const ct = sm2EncryptWith(example, pub, Buffer.from(c.message), big(c.k))
  assert.is(ct.toString('hex').toUpperCase(), c.ciphertextDerC1C3C2)
  assert.is(sm2DecryptWith(example, c.d, ct)?.toString(), c.message)
  const tampered = Buffer.from(ct)
  tampered[tampered.length - 1]! ^= 1
  assert.is(sm2DecryptWith(example, c.d, tampered), undefined)
})

const keys = () => {
  const d = '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8'.toLowerCase()
  return { privateKeyHex: d, publicKeyHex: sm2PublicKeyOf(d, SM2_P256) }
}

test('interop: sm-crypto verifies our signatures over SM3(Z‖M) with the signer id 1234567812345678; ours verifies sm-crypto\'s', () => {
  const k = keys()
  assert.is(k.publicKeyHex, smCrypto.sm2.getPublicKeyFromPrivateKey(k.privateKeyHex))
  const msg = Buffer.from('国密 SM2 interop')
  const sig = sm2SignDigest(k, sm2MessageDigest(k.publicKeyHex, msg))
  assert.ok(smCrypto.sm2.doVerifySignature(msg, sig.toString('hex'), k.publicKeyHex, { der: true, hash: true, userId: '1234567812345678' }))
  const theirs = Buffer.from(smCrypto.sm2.doSignature(msg, k.privateKeyHex, { der: true, hash: true, userId: '1234567812345678' }), 'hex')
  assert.ok(sm2VerifyDigest(k.publicKeyHex, sm2MessageDigest(k.publicKeyHex, msg), theirs))
  assert.not.ok(sm2VerifyDigest(k.publicKeyHex, sm2MessageDigest(k.publicKeyHex, Buffer.from('other')), theirs))
})

test('nonces: the same digest signed twice gives different, valid signatures (hedged, never a repeated k)', () => {
  const k = keys()
  const e = sm2MessageDigest(k.publicKeyHex, Buffer.from('same'))
  const seen = new Set<string>()
  for (let i = 0; i < 20; i++) {
    const sig = sm2SignDigest(k, e)
    assert.ok(sm2VerifyDigest(k.publicKeyHex, e, sig))
    seen.add(rs(sig)[0]!.toString(16)) // r = e + x1(kG): a repeated k would repeat r
  }
  assert.is(seen.size, 20)
})

test('verify refuses malformed input: r or s out of range, BER padding, points off the curve', () => {
  const k = keys()
  const e = sm2MessageDigest(k.publicKeyHex, Buffer.from('m'))
  const sig = sm2SignDigest(k, e)
  const [r, s] = rs(sig)
  const der = (a: bigint, b: bigint) => {
    const int = (x: bigint) => { let h = x.toString(16); if (h.length % 2) h = `0${h}`; if (parseInt(h[0]!, 16) >= 8) h = `00${h}`; const body = Buffer.from(h, 'hex'); return Buffer.concat([Buffer.from([2, body.length]), body]) }
    const body = Buffer.concat([int(a), int(b)])
    return Buffer.concat([Buffer.from([0x30, body.length]), body])
  }
  assert.ok(sm2VerifyDigest(k.publicKeyHex, e, der(r!, s!)))
  assert.not.ok(sm2VerifyDigest(k.publicKeyHex, e, der(r! + SM2_P256.params.n, s!)))
  assert.not.ok(sm2VerifyDigest(k.publicKeyHex, e, der(0n, s!)))
  assert.not.ok(sm2VerifyDigest(k.publicKeyHex, e, Buffer.concat([sig, Buffer.from([0])])))
  const offCurve = `04${'11'.repeat(64)}`
  assert.not.ok(sm2VerifyDigest(offCurve, e, sig))
})

test.run()
