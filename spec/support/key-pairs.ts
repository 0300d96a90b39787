import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'

/**
 * Key pairs for specs, generated straight into DER and parsed again. Exporting a KeyObject that
 * generateKeyPairSync returned can deadlock Node 20 (its export holds the key's mutex while allocating; a GC
 * that frees the generation job then locks the same mutex): seen here as a spec hung in a futex.
 */
const parsed = (pair: { publicKey: Buffer; privateKey: Buffer }): { publicKey: KeyObject; privateKey: KeyObject } => ({
  privateKey: createPrivateKey({ key: pair.privateKey, format: 'der', type: 'pkcs8' }),
  publicKey: createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' }),
})

export const rsaKeyPair = (modulusLength = 2048): { publicKey: KeyObject; privateKey: KeyObject } =>
  parsed(generateKeyPairSync('rsa', {
    modulusLength, publicExponent: 0x10001,
    publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  }))

export const ecKeyPair = (namedCurve: string): { publicKey: KeyObject; privateKey: KeyObject } =>
  parsed(generateKeyPairSync('ec', {
    namedCurve, publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  }))
