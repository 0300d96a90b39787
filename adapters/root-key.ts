import { randomBytes } from 'node:crypto'
import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'

// The root key (DESIGN §5): 32 bytes under which everything the data dir keeps secret is wrapped with AES-256-GCM
// (access key secrets here, key material in the vault). One rule for every user of it:
//   1. `KMS_ROOT_KEY` (Base64 of exactly 32 bytes) when set: nothing is written to disk;
//   2. else `<dataDir>/root.key` (Base64 text, mode 0600), created on first use.
// A key file that group or others can read is refused, not silently tightened: whoever could read it may already
// hold every secret it protects, and an operator must know that.

export const ROOT_KEY_FILE = 'root.key'
export const ROOT_KEY_BYTES = 32

const decodeKey = (text: string, where: string): E.Either<string, Buffer> => {
  const trimmed = text.trim()
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return E.left(`${where} is not Base64`)
  const key = Buffer.from(trimmed, 'base64')
  return key.length === ROOT_KEY_BYTES ? E.right(key) : E.left(`${where} must decode to ${ROOT_KEY_BYTES} bytes, not ${key.length}`)
}

const readKeyFile = (file: string): E.Either<string, Buffer> => {
  const mode = statSync(file).mode
  if ((mode & 0o077) !== 0) return E.left(`${file} is readable by group or others (mode ${(mode & 0o777).toString(8)}); chmod 600 it after checking who read it`)
  return decodeKey(readFileSync(file, 'utf8'), file)
}

/**
 * The root key from the environment or the data dir (created there on first use). Left: a message for the
 * operator; never the key itself.
 */
export const loadRootKey = (dataDir: string, env: NodeJS.ProcessEnv): E.Either<string, Buffer> => {
  const fromEnv = env['KMS_ROOT_KEY']
  if (fromEnv !== undefined && fromEnv !== '') return decodeKey(fromEnv, 'KMS_ROOT_KEY')
  const file = join(dataDir, ROOT_KEY_FILE)
  try {
    return readKeyFile(file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return E.left(`cannot read ${file}: ${(e as Error).message}`)
  }
  // Written whole to a private temporary name, then linked into place: link fails if the file exists, so two
  // processes starting at once never each make a key, and no reader ever sees a half-written one.
  const tmp = join(dataDir, `.${ROOT_KEY_FILE}.${process.pid}.${randomBytes(6).toString('hex')}`)
  try {
    writeFileSync(tmp, `${randomBytes(ROOT_KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 })
    linkSync(tmp, file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return E.left(`cannot create ${file}: ${(e as Error).message}`)
  } finally {
    try { unlinkSync(tmp) } catch { /* never created */ }
  }
  return readKeyFile(file)
}
