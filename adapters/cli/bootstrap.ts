import { randomBytes, randomInt } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'

// First start of `serve` without configured credentials (docs/architecture.md §9): an account id and a root access key are
// made once and kept in the data dir, the key file readable by its owner only.

import { DATA_DIR_FILES } from '../../composition/data-dir.ts'
import { syncDirectory } from '../private-file.ts'

export const BOOTSTRAP_KEY_FILE = DATA_DIR_FILES.bootstrapKey
export const ACCOUNT_ID_FILE = DATA_DIR_FILES.accountId

const BootstrapKey = t.type({ accessKeyId: t.string, accessKeySecret: t.string })
export type BootstrapKey = t.TypeOf<typeof BootstrapKey>

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const randomText = (n: number): string => Array.from({ length: n }, () => ALNUM[randomInt(ALNUM.length)]).join('')

export const ensureDataDir = (dir: string): void => {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
}

/** The account id from KMS_ACCOUNT_ID, else the one made on first start (16 digits, like an Alibaba uid). */
export const accountIdFor = (dataDir: string, fromEnv: string | undefined): string => {
  if (fromEnv) return fromEnv
  const file = join(dataDir, ACCOUNT_ID_FILE)
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const id = `1${Array.from({ length: 15 }, () => randomInt(10)).join('')}`
  writeFileSync(file, `${id}\n`, { flag: 'wx', mode: 0o600, flush: true })
  syncDirectory(dataDir)
  return id
}

export interface BootstrapResult {
  readonly key: BootstrapKey
  /** Where the key is kept; undefined when it came from the environment. */
  readonly file?: string
  readonly created: boolean
}

export const bootstrapAccessKey = (dataDir: string, env: NodeJS.ProcessEnv): E.Either<string, BootstrapResult> => {
  const id = env['KMS_ROOT_ACCESS_KEY_ID']
  const secret = env['KMS_ROOT_ACCESS_KEY_SECRET']
  if (id || secret) {
    if (!id || !secret) return E.left('set both KMS_ROOT_ACCESS_KEY_ID and KMS_ROOT_ACCESS_KEY_SECRET, or neither')
    return E.right({ key: { accessKeyId: id, accessKeySecret: secret }, created: false })
  }
  const file = join(dataDir, BOOTSTRAP_KEY_FILE)
  if (existsSync(file)) {
    // A key file others could read is a leaked credential: refuse to serve it, as with root.key. Quietly
    // tightening it would hide that the secret was exposed; the operator decides (chmod, or a new key).
    const mode = statSync(file).mode & 0o777
    if ((mode & 0o077) !== 0)
      return E.left(`${file} is readable by group or others (mode ${mode.toString(8).padStart(3, '0')}): its secret may have leaked. ` +
        `Delete the file to make a new bootstrap key (or \`chmod 600\` it if no one else could read it), or turn the bootstrap key off.`)
    let u: unknown
    try {
      u = JSON.parse(readFileSync(file, 'utf8'))
    } catch {
      return E.left(`${file} is not valid JSON`)
    }
    const key = BootstrapKey.decode(u)
    return E.isLeft(key) ? E.left(`${file} does not hold {"accessKeyId","accessKeySecret"}`) : E.right({ key: key.right, file, created: false })
  }
  const key = { accessKeyId: `LTAI${randomText(20)}`, accessKeySecret: randomBytes(24).toString('base64url') }
  writeFileSync(file, `${JSON.stringify(key, null, 2)}\n`, { flag: 'wx', mode: 0o600, flush: true })
  syncDirectory(dataDir)
  return E.right({ key, file, created: true })
}
