// Timing of RSAES-PKCS1-v1_5 import unwrapping (adapters/crypto/software/rsa.ts) for well-formed and badly padded
// ciphertexts. Implicit rejection computes the synthetic material on every call and selects without an early
// return, so both medians should agree within noise; JS gives no constant-time guarantee beyond that.
// Run: npx tsx scripts/bench/pkcs1-implicit-rejection.ts
import { constants, publicEncrypt, randomBytes } from 'node:crypto'
import { rsaKeyPair } from '../../spec/support/key-pairs.ts'
import { performance } from 'node:perf_hooks'
import { pkcs1v15Decrypt } from '../../adapters/crypto/software/rsa.ts'
import { emitRows } from './lib/results.ts'

const { privateKey, publicKey } = rsaKeyPair(2048)
const good = Array.from({ length: 50 }, () => publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, randomBytes(32)))
const bad = Array.from({ length: 50 }, () => publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, Buffer.concat([Buffer.from([0]), randomBytes(255)])))

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const time = (cs: Buffer[]) => {
  const out: number[] = []
  for (let round = 0; round < 20; round++) for (const c of cs) {
    const t = performance.now()
    pkcs1v15Decrypt(privateKey, c, 32)
    out.push(performance.now() - t)
  }
  return median(out)
}
time(good.slice(0, 5)) // warm up
const g = time(good)
const b = time(bad)
console.log(`pkcs1v15Decrypt median: good padding ${(g * 1000).toFixed(1)} µs, bad padding ${(b * 1000).toFixed(1)} µs, ratio ${(b / g).toFixed(3)}`)
await emitRows([{
  section: 'pkcs1-implicit-rejection', name: 'RSAES-PKCS1-v1_5 unwrap: bad padding vs good (should be 1.00)', unit: 'ops/s', target: null,
  ratio: g / b, subject: { label: 'bad padding', perSec: 1000 / b, p50Ms: b, p99Ms: null }, baseline: { label: 'good padding', perSec: 1000 / g, p50Ms: g, p99Ms: null },
}])
