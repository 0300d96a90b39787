// Wycheproof vectors against the token: the vector's key becomes a session object (CKA_TOKEN=false, gone when the
// session closes) and the executor's own mechanism functions run on it, so the vectors test the code that serves
// requests.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import pkcs11js from 'pkcs11js'
import type { Pkcs11Config } from '../../adapters/crypto/pkcs11/config.ts'
import { EC_PARAMS } from '../../adapters/crypto/pkcs11/der.ts'
import { acquireModule, releaseModule } from '../../adapters/crypto/pkcs11/module-registry.ts'
import { findSlotByLabel } from '../../adapters/crypto/pkcs11/slot.ts'

type Handle = pkcs11js.Handle

const vectorsDir = join(fileURLToPath(import.meta.url), '..', '..', 'vectors', 'wycheproof')

export interface WycheproofTest {
  tcId: number
  comment: string
  flags: string[]
  result: 'valid' | 'invalid' | 'acceptable'
  [field: string]: unknown
}
export interface WycheproofGroup {
  tests: WycheproofTest[]
  [field: string]: unknown
}

export const wycheproof = (file: string): WycheproofGroup[] =>
  (JSON.parse(readFileSync(join(vectorsDir, file), 'utf8')) as { testGroups: WycheproofGroup[] }).testGroups

export const hex = (v: unknown): Buffer => Buffer.from(typeof v === 'string' ? v : '', 'hex')

/** A raw session on the executor's token: the process is already logged in by the executor (login is per process). */
export interface TokenSession {
  readonly p11: pkcs11js.PKCS11
  readonly session: Handle
  close(): void
}

export const tokenSession = (config: Pkcs11Config): TokenSession => {
  const p11 = acquireModule(config.modulePath)
  const slot = findSlotByLabel(p11, config.tokenLabel)
  if (E.isLeft(slot)) throw new Error(slot.left.message)
  const session = p11.C_OpenSession(slot.right, pkcs11js.CKF_RW_SESSION | pkcs11js.CKF_SERIAL_SESSION)
  return {
    p11,
    session,
    close: () => {
      p11.C_CloseSession(session)
      releaseModule(config.modulePath)
    },
  }
}

const sessionObject: pkcs11js.Template = [
  { type: pkcs11js.CKA_TOKEN, value: false },
  { type: pkcs11js.CKA_PRIVATE, value: true },
]

export const importAesKey = (t: TokenSession, key: Buffer): Handle =>
  t.p11.C_CreateObject(t.session, [
    ...sessionObject,
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
    { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_ENCRYPT, value: true },
    { type: pkcs11js.CKA_DECRYPT, value: true },
    { type: pkcs11js.CKA_VALUE, value: key },
  ])

export const importRsaPublicKey = (t: TokenSession, modulus: Buffer, exponent: Buffer): Handle =>
  t.p11.C_CreateObject(t.session, [
    ...sessionObject,
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY },
    { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_RSA },
    { type: pkcs11js.CKA_VERIFY, value: true },
    { type: pkcs11js.CKA_ENCRYPT, value: true },
    { type: pkcs11js.CKA_MODULUS, value: modulus },
    { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: exponent },
  ])

const b64u = (v: unknown): Buffer => Buffer.from(typeof v === 'string' ? v : '', 'base64url')

export const importRsaPrivateKey = (t: TokenSession, jwk: Record<string, unknown>): Handle =>
  t.p11.C_CreateObject(t.session, [
    ...sessionObject,
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
    { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_RSA },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_DECRYPT, value: true },
    { type: pkcs11js.CKA_SIGN, value: true },
    { type: pkcs11js.CKA_MODULUS, value: b64u(jwk['n']) },
    { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: b64u(jwk['e']) },
    { type: pkcs11js.CKA_PRIVATE_EXPONENT, value: b64u(jwk['d']) },
    { type: pkcs11js.CKA_PRIME_1, value: b64u(jwk['p']) },
    { type: pkcs11js.CKA_PRIME_2, value: b64u(jwk['q']) },
    { type: pkcs11js.CKA_EXPONENT_1, value: b64u(jwk['dp']) },
    { type: pkcs11js.CKA_EXPONENT_2, value: b64u(jwk['dq']) },
    { type: pkcs11js.CKA_COEFFICIENT, value: b64u(jwk['qi']) },
  ])

/** CKA_EC_POINT is the DER OCTET STRING around the uncompressed point. */
export const importEcPublicKey = (t: TokenSession, curve: keyof typeof EC_PARAMS, uncompressed: Buffer): Handle =>
  t.p11.C_CreateObject(t.session, [
    ...sessionObject,
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY },
    { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_EC },
    { type: pkcs11js.CKA_VERIFY, value: true },
    { type: pkcs11js.CKA_EC_PARAMS, value: EC_PARAMS[curve] },
    { type: pkcs11js.CKA_EC_POINT, value: Buffer.concat([Buffer.from([0x04, uncompressed.length]), uncompressed]) },
  ])
