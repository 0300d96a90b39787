import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { accountIdFor, bootstrapAccessKey, ensureDataDir } from '../adapters/cli/bootstrap.ts'
import { parseStoreUrl, UnsupportedStoreUrl } from '../adapters/store/select.ts'
import { defaultInstanceId } from './app.ts'
import { decodeConfig, StoreConfig, type AppConfig } from './config.ts'
import { chooseDataDir, resolveDataDir } from './data-dir.ts'

// The one settings object (docs/architecture.md §9): the --config file (docs/config.md), the environment and the
// flags, merged here and nowhere else. `serve` reads all of it; the reporting commands (audit, report,
// projections) read only where the events are, `store` and `dataDir`, so they look at what the server writes.

export const readConfigFile = (path: string): Record<string, unknown> => {
  const u: unknown = JSON.parse(readFileSync(path, 'utf8'))
  if (typeof u !== 'object' || u === null || Array.isArray(u)) throw new Error(`${path}: the configuration is a JSON object`)
  return u as Record<string, unknown>
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
  const dataDir = chooseDataDir({ flag: o.dataDir, file: file['dataDir'] }, env)
  if (file['store'] === undefined) return { dataDir }
  const store = StoreConfig.decode(file['store'])
  if (E.isLeft(store)) throw new Error(`${o.config}: "store" is not {"type":"sqlite","path"?} or {"type":"esdb","url"}`)
  return { dataDir, store: store.right }
}

export interface ServeOptions {
  readonly config?: string
  readonly listen?: string
  readonly dataDir?: string
}

/** `KMS_EVENT_STORE` as a store config: `esdb://…` is EventStoreDB, `sqlite:…` or a path the SQLite store. */
const storeFromEnv = (url: string | undefined): E.Either<string, Record<string, unknown>> => {
  if (url === undefined || url === '') return E.right({ type: 'sqlite' })
  try {
    const l = parseStoreUrl(url)
    return E.right(l.kind === 'esdb' ? { type: 'esdb', url: l.connectionString } : { type: 'sqlite', path: resolve(l.path) })
  } catch (e) {
    return E.left(`KMS_EVENT_STORE: ${e instanceof UnsupportedStoreUrl ? e.message : String(e)}`)
  }
}

export const buildServeConfig = (opts: ServeOptions, env: NodeJS.ProcessEnv): E.Either<string, { config: AppConfig; notes: string[] }> => {
  let file: Record<string, unknown> = {}
  try {
    if (opts.config) file = readConfigFile(opts.config)
  } catch (e) {
    return E.left(`cannot read --config: ${e instanceof Error ? e.message : String(e)}`)
  }
  const dataDir = resolveDataDir({ flag: opts.dataDir, file: file['dataDir'] }, env)
  ensureDataDir(dataDir)
  const accountId = typeof file['accountId'] === 'string' ? file['accountId'] : accountIdFor(dataDir, env['KMS_ACCOUNT_ID'])
  const region = typeof file['region'] === 'string' ? file['region'] : env['KMS_REGION'] ?? 'cn-hangzhou'
  const store = storeFromEnv(env['KMS_EVENT_STORE'])
  if (E.isLeft(store)) return store
  const notes: string[] = []
  // Off when either the file or the environment says so: turning a credential off must not need both.
  const bootstrapOff = file['bootstrapAccessKey'] === false || /^(off|false|0|no)$/i.test(env['KMS_BOOTSTRAP_ACCESS_KEY'] ?? '')
  const bootKeys: { accessKeyId: string; accessKeySecret: string; accountId: string }[] = []
  if (bootstrapOff) notes.push('bootstrap access key off: only configured and stored access keys are served')
  else {
    const boot = bootstrapAccessKey(dataDir, env)
    if (E.isLeft(boot)) return boot
    if (boot.right.file) notes.push(`bootstrap access key ${boot.right.key.accessKeyId}${boot.right.created ? ' created' : ''}: secret in ${boot.right.file}`)
    else notes.push(`bootstrap access key ${boot.right.key.accessKeyId} from KMS_ROOT_ACCESS_KEY_ID`)
    bootKeys.push({ ...boot.right.key, accountId })
  }
  const fileKeys = Array.isArray(file['accessKeys']) ? file['accessKeys'] : []
  const fileScheduler = typeof file['scheduler'] === 'object' && file['scheduler'] !== null ? file['scheduler'] as Record<string, unknown> : undefined
  const rotationUnit = env['KMS_ROTATION_UNIT']
  const scheduler = rotationUnit ? { ...fileScheduler, rotationUnit } : fileScheduler
  const merged = {
    listen: env['KMS_LISTEN'] ?? '127.0.0.1:8080',
    instances: [{ instanceId: defaultInstanceId(accountId, region), kind: 'software', default: true }],
    store: store.right,
    ...file,
    ...(opts.listen ? { listen: opts.listen } : {}),
    dataDir, accountId, region,
    ...(scheduler ? { scheduler } : {}),
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- config file keys, decoded by the config codec after merging
    accessKeys: [...bootKeys, ...fileKeys],
  }
  const config = decodeConfig(merged)
  return E.isLeft(config) ? config : E.right({ config: config.right, notes })
}
