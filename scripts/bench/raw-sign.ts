// The baseline of the AsymmetricSign rows: raw node:crypto signing on core 0 (lib/pin.ts), one signature at a
// time for a fixed time, no HTTP. It signs the message whose SHA-256 is the Digest the HTTP workload sends, so
// both produce signatures over the same digest (node:crypto takes the message and hashes it: 32 bytes, which
// costs next to nothing beside the private-key operation).
//   argv: <RSA_2048|EC_P256> <seconds> <message, Base64>
// Prints one JSON line: { opsPerSec, p50Ms, p99Ms }.
import { constants, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'

const [spec, seconds, message] = process.argv.slice(2) as [string, string, string]
const data = Buffer.from(message, 'base64')
const op: () => Buffer = (() => {
  if (spec === 'RSA_2048') {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    return () => sign('sha256', data, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
  }
  if (spec === 'EC_P256') {
    const { privateKey }: { privateKey: KeyObject } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    return () => sign('sha256', data, { key: privateKey, dsaEncoding: 'der' })
  }
  throw new Error(`unknown spec ${spec}`)
})()

const warm = performance.now() + 300
while (performance.now() < warm) op()
const times: number[] = []
const start = performance.now()
const end = start + Number(seconds) * 1000
for (let t = start; t < end;) {
  op()
  const now = performance.now()
  times.push(now - t)
  t = now
}
const elapsed = (performance.now() - start) / 1000
times.sort((a, b) => a - b)
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!
process.stdout.write(JSON.stringify({ opsPerSec: times.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99) }) + '\n')
