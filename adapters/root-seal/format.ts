import * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { KmsError } from '../../domain/errors.ts'

// The sealed form of `<dataDir>/root.key` (docs/operations.md "Root key protection"): the 32-byte root key
// encrypted with AES-256-GCM under a key the data dir does not hold — one derived from a passphrase given at
// start (scrypt), or a non-extractable AES key on a PKCS#11 token. The same file name as the plain form, so
// moving between protections is one atomic rename and every rule about `root.key` (never in a backup unless
// --include-root-key, mode 0600, restore's "only root.key may be there") holds for both forms. A plain file is
// Base64 text; a sealed one is this JSON object, told apart by its first character.

export const SEALED_FORMAT = 'keyledger-root-key'

const B64 = t.string

export const ScryptParams = t.type({ name: t.literal('scrypt'), logN: t.number, r: t.number, p: t.number, salt: B64 })
export type ScryptParams = t.TypeOf<typeof ScryptParams>

export const TokenRef = t.type({ modulePath: t.string, tokenLabel: t.string, keyLabel: t.string })
export type TokenRef = t.TypeOf<typeof TokenRef>

const Box = t.type({ cipher: t.literal('aes-256-gcm'), iv: B64, ciphertext: B64, tag: B64 })

export const PassphraseSealed = t.intersection([t.type({ format: t.literal(SEALED_FORMAT), version: t.literal(1), protection: t.literal('passphrase'), kdf: ScryptParams }), Box])
export const TokenSealed = t.intersection([t.type({ format: t.literal(SEALED_FORMAT), version: t.literal(1), protection: t.literal('pkcs11'), pkcs11: TokenRef }), Box])
export type PassphraseSealed = t.TypeOf<typeof PassphraseSealed>
export const SealedRootKey = t.union([PassphraseSealed, TokenSealed])
export type SealedRootKey = t.TypeOf<typeof SealedRootKey>
export type Protection = 'file' | SealedRootKey['protection']

/** The AAD of the GCM box: everything but the box, so a changed KDF setting or token reference fails the tag. */
export const headerAad = (s: SealedRootKey): Buffer => {
  const header = s.protection === 'passphrase'
    ? { format: s.format, version: s.version, protection: s.protection, kdf: s.kdf }
    : { format: s.format, version: s.version, protection: s.protection, pkcs11: s.pkcs11 }
  return Buffer.from(JSON.stringify(header), 'utf8')
}

export const looksSealed = (text: string): boolean => text.trimStart().startsWith('{')

const invalid = (origin: string, why: string): KmsError =>
  ({ code: 'Config.InvalidRootKey', httpStatus: 500, message: `${origin} is not a sealed root key (${why}).` })

export const parseSealed = (text: string, origin: string): E.Either<KmsError, SealedRootKey> => {
  let u: unknown
  try {
    u = JSON.parse(text)
  } catch {
    return E.left(invalid(origin, 'not JSON'))
  }
  return pipe(SealedRootKey.decode(u), E.mapLeft(() => invalid(origin, `expected {"format":"${SEALED_FORMAT}","version":1,"protection":"passphrase"|"pkcs11",…}`)))
}

export const sealedText = (s: SealedRootKey): string => `${JSON.stringify(s, null, 2)}\n`
