import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../../domain/errors.ts'

// The vault's root key (DESIGN §5): from `KMS_ROOT_KEY` (Base64 of 32 bytes) or a key file made on first
// start with mode 0600. Anything doubtful stops the start with a clear error instead of running with a key an
// operator did not mean: a malformed variable, a key file others can read, a file that is not 32 bytes.

export const ROOT_KEY_BYTES = 32

const configError = (code: string, message: string): KmsError => ({ code, httpStatus: 500, message })

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

export const decodeRootKey = (text: string, origin: string): E.Either<KmsError, Buffer> => {
  const t = text.trim()
  const bytes = BASE64.test(t) ? Buffer.from(t, 'base64') : Buffer.alloc(0)
  return bytes.length === ROOT_KEY_BYTES && bytes.toString('base64') === t
    ? E.right(bytes)
    : E.left(configError('Config.InvalidRootKey', `${origin} must be the Base64 encoding of exactly ${ROOT_KEY_BYTES} bytes.`))
}

export interface RootKeySource {
  /** The value of KMS_ROOT_KEY, when set. */
  readonly env?: string | undefined
  /** Where the key file lives (e.g. `<data dir>/root.key`). */
  readonly keyFile: string
}

/** Returns the root key and says where it came from (for a start-up log line; never the key itself). */
export const loadRootKey = (source: RootKeySource): E.Either<KmsError, { key: Buffer; origin: 'env' | 'file' | 'created' }> => {
  if (source.env !== undefined && source.env !== '')
    return E.map((key: Buffer) => ({ key, origin: 'env' as const }))(decodeRootKey(source.env, 'KMS_ROOT_KEY'))
  const file = source.keyFile
  if (existsSync(file)) {
    const mode = statSync(file).mode & 0o777
    if (mode & 0o077)
      return E.left(configError('Config.InsecureRootKeyFile',
        `The root key file ${file} has mode ${mode.toString(8).padStart(4, '0')}; it must be readable by its owner only (chmod 600).`))
    return E.map((key: Buffer) => ({ key, origin: 'file' as const }))(decodeRootKey(readFileSync(file, 'utf8'), `The root key file ${file}`))
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  const key = randomBytes(ROOT_KEY_BYTES)
  // 'wx': never overwrite a key file another process created meanwhile; the mode is set again because the
  // process umask can only remove bits, but an explicit chmod documents the intent.
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
  chmodSync(file, 0o600)
  return E.right({ key, origin: 'created' })
}
