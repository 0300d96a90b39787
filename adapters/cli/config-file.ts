import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { StoreConfig } from '../../composition/config.ts'

// The --config file (docs/config.md): `serve` reads all of it; the reporting commands (audit, report,
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
  const dataDir = o.dataDir ?? (typeof file['dataDir'] === 'string' ? file['dataDir'] : undefined) ?? env['KMS_DATA_DIR'] ?? './data'
  if (file['store'] === undefined) return { dataDir }
  const store = StoreConfig.decode(file['store'])
  if (E.isLeft(store)) throw new Error(`${o.config}: "store" is not {"type":"sqlite","path"?} or {"type":"esdb","url"}`)
  return { dataDir, store: store.right }
}
