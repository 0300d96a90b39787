import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../../domain/errors.ts'
import { headerAad, SEALED_FORMAT, type PassphraseSealed, type ScryptParams } from './format.ts'

// Passphrase protection (docs/operations.md "Root key protection"): the key-encryption key is scrypt (node:crypto,
// RFC 7914) of the passphrase and a 16-byte random salt, N = 2^17, r = 8, p = 1: 128 MiB of memory and about half
// a second per try on one core, so a stolen data dir is guessed at a few tries per second per core, and GPUs gain
// little (memory-hard). The parameters are stored in the file (and bound into the tag) so a later release can
// raise them for new seals without breaking old ones.

export const SCRYPT_DEFAULT = { logN: 17, r: 8, p: 1 } as const
/** Bounds on stored parameters: a file edited down to a trivial cost, or up to exhaust memory, is refused. */
const LOG_N = { min: 14, max: 22 }

export const PASSPHRASE_ENV = 'KMS_ROOT_KEY_PASSPHRASE'
export const PASSPHRASE_FILE_ENV = 'KMS_ROOT_KEY_PASSPHRASE_FILE'

const configError = (code: string, message: string): KmsError => ({ code, httpStatus: 500, message })

/** The passphrase from KMS_ROOT_KEY_PASSPHRASE, else the file KMS_ROOT_KEY_PASSPHRASE_FILE (--root-key-passphrase-file) names. */
export const passphraseFrom = (env: NodeJS.ProcessEnv, variable = PASSPHRASE_ENV, fileVariable = PASSPHRASE_FILE_ENV): E.Either<KmsError, string> | undefined => {
  const direct = env[variable]
  if (direct !== undefined && direct !== '') return E.right(direct)
  const file = env[fileVariable]
  if (file === undefined || file === '') return undefined
  try {
    // One trailing newline is the editor's, not the passphrase's.
    const text = readFileSync(file, 'utf8').replace(/\r?\n$/, '')
    return text === '' ? E.left(configError('Config.RootKeyPassphraseRequired', `the passphrase file ${file} is empty`)) : E.right(text)
  } catch (e) {
    return E.left(configError('Config.RootKeyPassphraseRequired', `cannot read the passphrase file ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`))
  }
}

const derive = (passphrase: string, kdf: ScryptParams): Buffer => {
  const N = 2 ** kdf.logN
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r + 1024 * 1024 })
}

const validParams = (k: ScryptParams): boolean =>
  Number.isInteger(k.logN) && k.logN >= LOG_N.min && k.logN <= LOG_N.max && Number.isInteger(k.r) && k.r >= 1 && k.r <= 32 &&
  Number.isInteger(k.p) && k.p >= 1 && k.p <= 16 && Buffer.from(k.salt, 'base64').length >= 16

export const sealWithPassphrase = (rootKey: Buffer, passphrase: string, params: { logN: number; r: number; p: number } = SCRYPT_DEFAULT): PassphraseSealed => {
  const kdf: ScryptParams = { name: 'scrypt', ...params, salt: randomBytes(16).toString('base64') }
  const header = { format: SEALED_FORMAT, version: 1, protection: 'passphrase', kdf } as const
  const iv = randomBytes(12)
  const kek = derive(passphrase, kdf)
  try {
    const c = createCipheriv('aes-256-gcm', kek, iv)
    c.setAAD(headerAad({ ...header, cipher: 'aes-256-gcm', iv: '', ciphertext: '', tag: '' }))
    const ciphertext = Buffer.concat([c.update(rootKey), c.final()])
    return { ...header, cipher: 'aes-256-gcm', iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: c.getAuthTag().toString('base64') }
  } finally {
    kek.fill(0)
  }
}

export const unsealWithPassphrase = (s: PassphraseSealed, passphrase: string, origin: string): E.Either<KmsError, Buffer> => {
  if (!validParams(s.kdf))
    return E.left(configError('Config.InvalidRootKey', `${origin}: scrypt parameters out of bounds (logN ${LOG_N.min}–${LOG_N.max}, r 1–32, p 1–16, salt ≥ 16 bytes)`))
  const kek = derive(passphrase, s.kdf)
  try {
    const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(s.iv, 'base64'))
    d.setAAD(headerAad(s))
    d.setAuthTag(Buffer.from(s.tag, 'base64'))
    return E.right(Buffer.concat([d.update(Buffer.from(s.ciphertext, 'base64')), d.final()]))
  } catch {
    return E.left(configError('Config.WrongRootKeyPassphrase',
      `the passphrase does not open ${origin} (wrong passphrase, or the file was altered)`))
  } finally {
    kek.fill(0)
  }
}
