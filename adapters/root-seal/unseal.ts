import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../../domain/errors.ts'
import { looksSealed, parseSealed, type Protection } from './format.ts'
import { PASSPHRASE_ENV, PASSPHRASE_FILE_ENV, passphraseFrom, unsealWithPassphrase } from './passphrase.ts'
import { PIN_ENV, unsealWithToken } from './pkcs11.ts'

// Turning the text of a root key file (plain Base64, or sealed JSON: format.ts) into the key. The server, the
// CLI and restore all come here, so one data dir opens the same way everywhere. Unsealing costs a scrypt run or a
// token session, and a process reads the key in several places (vault, access keys, audit signing key): the
// result is kept per (file text, secret) for the life of the process, which holds the key in memory anyway.

const cache = new Map<string, Buffer>()

const cacheKey = (text: string, secret: string): string => createHash('sha256').update(text).update('\0').update(secret).digest('hex')

const remembered = (text: string, secret: string, open: () => E.Either<KmsError, Buffer>): E.Either<KmsError, Buffer> => {
  const k = cacheKey(text, secret)
  const known = cache.get(k)
  if (known) return E.right(Buffer.from(known))
  const opened = open()
  if (E.isRight(opened)) cache.set(k, Buffer.from(opened.right))
  return opened
}

const required = (code: string, message: string): KmsError => ({ code, httpStatus: 500, message })

/** How a root key file's text is protected (for `root-key status` and serve's warning), without opening it. */
export const protectionOf = (text: string): Protection | 'unreadable' => {
  if (!looksSealed(text)) return 'file'
  const s = parseSealed(text, 'root.key')
  return E.isRight(s) ? s.right.protection : 'unreadable'
}

export const unsealRootKey = (text: string, origin: string, env: NodeJS.ProcessEnv, decodePlain: (t: string) => E.Either<KmsError, Buffer>): E.Either<KmsError, Buffer> => {
  if (!looksSealed(text)) return decodePlain(text)
  const parsed = parseSealed(text, origin)
  if (E.isLeft(parsed)) return parsed
  const s = parsed.right
  if (s.protection === 'passphrase') {
    const pass = passphraseFrom(env)
    if (pass === undefined)
      return E.left(required('Config.RootKeyPassphraseRequired',
        `${origin} is sealed with a passphrase: set ${PASSPHRASE_ENV}, or give its file with --root-key-passphrase-file FILE (${PASSPHRASE_FILE_ENV})`))
    if (E.isLeft(pass)) return pass
    return remembered(text, pass.right, () => unsealWithPassphrase(s, pass.right, origin))
  }
  const pin = env[PIN_ENV]
  if (pin === undefined || pin === '')
    return E.left(required('Config.RootKeyTokenLogin', `${origin} is sealed by a key on the PKCS#11 token "${s.pkcs11.tokenLabel}": set ${PIN_ENV} to its user PIN`))
  return remembered(text, pin, () => unsealWithToken(s, pin, origin))
}

/** For specs: forget what was unsealed (a new file or secret is opened afresh anyway; this also drops old keys). */
export const forgetUnsealedKeys = (): void => {
  for (const k of cache.values()) k.fill(0)
  cache.clear()
}
