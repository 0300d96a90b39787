import { randomBytes } from 'node:crypto'
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../domain/errors.ts'
import { sealedText } from './root-seal/format.ts'
import { passphraseFrom, sealWithPassphrase } from './root-seal/passphrase.ts'
import { protectionOf, unsealRootKey } from './root-seal/unseal.ts'
import { syncDirectory } from './private-file.ts'

// The root key (docs/architecture.md §5): 32 bytes under which everything keyledger keeps secret is wrapped with AES-256-GCM
// (key material in the vault, access key secrets in the data dir). One rule for every user of it:
//   1. `KMS_ROOT_KEY` (Base64 of exactly 32 bytes, canonical) when set: nothing is written to disk;
//   2. else `<dataDir>/root.key` (mode 0600): Base64 text, or sealed under a passphrase or a PKCS#11 token key
//      (adapters/root-seal/, docs/operations.md "Root key protection"), created on first use (sealed under
//      KMS_ROOT_KEY_PASSPHRASE when one is given) — unless the caller says the
//      key must come from the environment (several nodes sharing one vault: a key file made per node would
//      leave every other node unable to unwrap what this one wrapped).
// Anything doubtful stops the start with a clear error instead of running with a key an operator did not mean:
// a malformed variable, a file that is not 32 Base64 bytes, a key file that group or others can read (refused,
// not silently tightened: whoever could read it may already hold every secret it protects).

export const ROOT_KEY_FILE = 'root.key'
export const ROOT_KEY_BYTES = 32

const configError = (code: string, message: string): KmsError => ({ code, httpStatus: 500, message })

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** Canonical Base64 of exactly 32 bytes (a value that re-encodes differently was mistyped or truncated). */
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
  /** Set (to the reason) when only KMS_ROOT_KEY will do: no key file is read or made. */
  readonly envRequiredBecause?: string
  /** Where a sealed file's passphrase or token PIN is read (KMS_ROOT_KEY_PASSPHRASE[_FILE], KMS_ROOT_KEY_PKCS11_PIN). */
  readonly secrets?: NodeJS.ProcessEnv
}

export type RootKeyOrigin = 'env' | 'file' | 'created'

const readKeyFile = (file: string, secrets: NodeJS.ProcessEnv): E.Either<KmsError, Buffer> => {
  const mode = statSync(file).mode & 0o777
  if (mode & 0o077)
    return E.left(configError('Config.InsecureRootKeyFile',
      `The root key file ${file} has mode ${mode.toString(8).padStart(4, '0')}; it must be readable by its owner only (chmod 600 it after checking who read it).`))
  return unsealRootKey(readFileSync(file, 'utf8'), file, secrets, (text) => decodeRootKey(text, `The root key file ${file}`))
}

/** How the data dir's root key file is protected: 'file' (plain), 'passphrase', 'pkcs11', or 'none' (no file). */
export const rootKeyFileProtection = (file: string): ReturnType<typeof protectionOf> | 'none' => {
  try {
    return protectionOf(readFileSync(file, 'utf8'))
  } catch {
    return 'none'
  }
}

/** Returns the root key and says where it came from (for a start-up log line; never the key itself). */
export const loadRootKey = (source: RootKeySource): E.Either<KmsError, { key: Buffer; origin: RootKeyOrigin }> => {
  if (source.env !== undefined && source.env !== '')
    return E.map((key: Buffer) => ({ key, origin: 'env' as const }))(decodeRootKey(source.env, 'KMS_ROOT_KEY'))
  if (source.envRequiredBecause !== undefined)
    return E.left(configError('Config.RootKeyRequired', `KMS_ROOT_KEY must be set: ${source.envRequiredBecause}`))
  const file = source.keyFile
  const secrets = source.secrets ?? {}
  try {
    return E.map((key: Buffer) => ({ key, origin: 'file' as const }))(readKeyFile(file, secrets))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return E.left(configError('Config.InvalidRootKey', `cannot read ${file}: ${(e as Error).message}`))
  }
  // Written whole to a private temporary name, then linked into place: link fails if the file exists, so two
  // processes starting at once never each make a key, and no reader ever sees a half-written one.
  const dir = dirname(file)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}`)
  let created = false
  const pass = passphraseFrom(secrets)
  if (pass && E.isLeft(pass)) return pass
  try {
    const fresh = randomBytes(ROOT_KEY_BYTES)
    writeFileSync(tmp, pass ? sealedText(sealWithPassphrase(fresh, pass.right)) : `${fresh.toString('base64')}\n`, { flag: 'wx', mode: 0o600, flush: true })
    fresh.fill(0)
    chmodSync(tmp, 0o600) // the umask can only remove bits; say the intent explicitly
    linkSync(tmp, file)
    syncDirectory(dir)
    created = true
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return E.left(configError('Config.InvalidRootKey', `cannot create ${file}: ${(e as Error).message}`))
  } finally {
    try { unlinkSync(tmp) } catch { /* never created */ }
  }
  return E.map((key: Buffer) => ({ key, origin: created ? 'created' as const : 'file' as const }))(readKeyFile(file, secrets))
}

/** The data dir's rule (`KMS_ROOT_KEY`, else `<dataDir>/root.key`), for callers that only need the key. */
export const loadDataDirRootKey = (dataDir: string, env: NodeJS.ProcessEnv): E.Either<string, Buffer> =>
  E.bimap((e: KmsError) => e.message, (r: { key: Buffer }) => r.key)(loadRootKey({ env: env['KMS_ROOT_KEY'], keyFile: join(dataDir, ROOT_KEY_FILE), secrets: env }))
