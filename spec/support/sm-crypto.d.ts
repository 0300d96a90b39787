// The part of sm-crypto 0.5.x (which ships no types) the specs use to check interoperability (dev only: keyledger
// signs and encrypts with adapters/crypto/software/sm2.ts). Versions below 0.5.0 seeded SM2 keys and nonces
// from a clock (GHSA-vh45-f885-3848).
declare module 'sm-crypto' {
  interface SignOptions { der?: boolean; hash?: boolean; publicKey?: string; userId?: string }
  export const sm2: {
    doEncrypt(msg: string | ArrayLike<number>, publicKeyHex: string, cipherMode?: 0 | 1): string
    doDecrypt(cipherHex: string, privateKeyHex: string, cipherMode: 0 | 1, options: { output: 'array' }): number[]
    doSignature(msg: string | ArrayLike<number>, privateKeyHex: string, options?: SignOptions): string
    doVerifySignature(msg: string | ArrayLike<number>, signatureHex: string, publicKeyHex: string, options?: SignOptions): boolean
    getPublicKeyFromPrivateKey(privateKeyHex: string): string
    verifyPublicKey(publicKeyHex: string): boolean
  }
  export function sm3(input: string | ArrayLike<number>, options?: { key?: string; mode?: 'hmac' }): string
}
