import { generateKeyPairSync, sign, verify, createHash } from 'node:crypto'
import { p256 } from '@noble/curves/nist.js'
import { ecdsaKeyPairOf, ecdsaSignDigest, ecdsaVerifyDigest } from '../../../adapters/crypto/software/ecdsa.ts'
for (const curve of ['prime256v1', 'secp256k1'] as const) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve })
  const pair = ecdsaKeyPairOf(curve, privateKey)
  const digest = createHash('sha256').update('x').digest()
  for (let i = 0; i < 200; i++) {
    const sig = ecdsaSignDigest(pair, digest)
    if (!ecdsaVerifyDigest(curve, pair.publicKey, digest, sig)) throw new Error('noble verify failed')
    if (!verify('sha256', Buffer.from('x'), { key: publicKey, dsaEncoding: 'der' }, sig)) throw new Error('node verify failed')
  }
  const N = 2000
  let t = performance.now(); for (let i = 0; i < N; i++) ecdsaSignDigest(pair, digest); const ours = N / ((performance.now() - t) / 1000)
  t = performance.now(); for (let i = 0; i < N; i++) sign('sha256', digest, privateKey); const node = N / ((performance.now() - t) / 1000)
  const C = curve === 'prime256v1' ? p256 : (await import('@noble/curves/secp256k1.js')).secp256k1
  t = performance.now(); for (let i = 0; i < N / 4; i++) C.sign(digest, pair.secretKey, { prehash: false, lowS: true, format: 'der', extraEntropy: true }); const noble = N / 4 / ((performance.now() - t) / 1000)
  console.log(`${curve}: ours ${ours.toFixed(0)}/s, noble ${noble.toFixed(0)}/s, node crypto.sign ${node.toFixed(0)}/s, ours/node ${(ours / node).toFixed(2)} noble/node ${(noble / node).toFixed(2)}`)
}
