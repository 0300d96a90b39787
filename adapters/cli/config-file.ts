import { readFileSync, statSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { StoreConfig } from '../../composition/config.ts'

// The --config file (docs/config.md): `serve` reads all of it; the reporting commands (audit, report,
// projections) read only where the events are, `store` and `dataDir`, so they look at what the server writes.

export const readConfigFile = (path: string): Record<string, unknown> => {
  const u: unknown = JSON.parse(readFileSync(path, 'utf8'))
  if (typeof u !== 'object' || u === null || Array.isArray(u)) throw new Error(`${path}: the configuration is a JSON object`)
  const file = u as Record<string, unknown>
  refuseSharedSecrets(path, file)
  return file
}

/** Where a configuration may hold a secret: access key secrets, PKCS#11 PINs, credentials in a store URL. */
export const secretsIn = (file: Record<string, unknown>): string[] => {
  const found: string[] = []
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
  const field = (o: unknown, name: string): unknown => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[name] : undefined)
  list(file['accessKeys']).forEach((k, i) => { if (field(k, 'accessKeySecret') !== undefined) found.push(`accessKeys[${i}].accessKeySecret`) })
  list(file['instances']).forEach((k, i) => { if (field(field(k, 'pkcs11'), 'pin') !== undefined) found.push(`instances[${i}].pkcs11.pin`) })
  const url = field(file['store'], 'url')
  if (typeof url === 'string' && /^[a-z+]+:\/\/[^/@]*:[^/@]*@/i.test(url)) found.push('store.url (user:password@)')
  return found
}

/**
 * Issue 13, finding 6: a configuration holding secrets must be the owner's alone (like root.key and the access
 * key file, 0600): a file any local user can read gives them every access key. Refused, not warned about, since
 * a server that starts anyway keeps the secrets exposed. Secrets can come from the environment instead
 * (PKCS#11 `pinEnv`, KMS_BOOTSTRAP_ACCESS_KEY, `keyledger access-keys`), leaving a readable file harmless.
 */
const refuseSharedSecrets = (path: string, file: Record<string, unknown>): void => {
  if (process.platform === 'win32') return // no POSIX modes to check
  const mode = statSync(path).mode & 0o777
  if ((mode & 0o077) === 0) return
  const secrets = secretsIn(file)
  if (secrets.length === 0) return
  throw new Error(`${path} holds secrets (${secrets.join(', ')}) but its mode is 0${mode.toString(8)}: others can read it. ` +
    `Run chmod 600 ${path}, or move the secrets out of it (docs/config.md "Secrets").`)
}

/** Where a command finds the events: the data dir, and the configuration's store when it names one. */
export interface StoreTarget {
  readonly dataDir: string
  readonly store?: StoreConfig
}

/**
 * The same precedence as serve's: --data-dir, then the file's `dataDir`, then KMS_DATA_DIR, then ./data; the
 * file's `store` wins over KMS_EVENT_STORE (which openDataDirEventStore reads when the file names none).
 */
export const storeTarget = (o: { readonly dataDir?: string; readonly config?: string }, env: NodeJS.ProcessEnv = process.env): StoreTarget => {
  const file = o.config ? readConfigFile(o.config) : {}
  const dataDir = o.dataDir ?? (typeof file['dataDir'] === 'string' ? file['dataDir'] : undefined) ?? env['KMS_DATA_DIR'] ?? './data'
  if (file['store'] === undefined) return { dataDir }
  const store = StoreConfig.decode(file['store'])
  if (E.isLeft(store)) throw new Error(`${o.config}: "store" is not {"type":"sqlite","path"?} or {"type":"esdb","url"}`)
  return { dataDir, store: store.right }
}
