import { join, resolve } from 'node:path'
import { ACCESS_KEY_DB_FILE } from '../adapters/access-keys/sqlite-store.ts'
import { ROOT_KEY_FILE } from '../adapters/root-key.ts'
import { STATUS_FILE } from '../adapters/scheduler/job-status.ts'
import { AUDIT_KEY_FILE } from '../adapters/audit/signing-key.ts'
import { NONCE_FILE } from '../adapters/http/auth/nonce-journal.ts'

// The data directory's layout, in one place (docs/architecture.md §9): every file `serve` and the CLI keep there,
// and how the directory itself is chosen. Adapters that own a file format name their file; this module is where
// the whole directory is read off, so a backup, a lock or a new file is added here once.

export const DEFAULT_DATA_DIR = './data'

export const DATA_DIR_FILES = {
  /** The SQLite event store (unless the configuration names another store). */
  events: 'events.sqlite',
  /** The read models and their checkpoints (docs/architecture.md §6), apart from the events. */
  readStore: 'readstore.sqlite',
  /** Software keys' material, wrapped under the root key (SQLite vault). */
  vault: 'vault.sqlite',
  /** The root key, when KMS_ROOT_KEY does not give it (0600). */
  rootKey: ROOT_KEY_FILE,
  /** Access keys made with `keyledger access-keys`, their secrets sealed under the root key. */
  accessKeys: ACCESS_KEY_DB_FILE,
  /** The bootstrap access key made on first start (0600). */
  bootstrapKey: 'bootstrap-access-key.json',
  /** The account id made on first start. */
  accountId: 'account-id',
  /** What `keyledger jobs status` reads. */
  schedulerStatus: STATUS_FILE,
  /** The verifiable log's signing key, wrapped under the root key (docs/verifiable-log.md "The signing key"). */
  auditSigningKey: AUDIT_KEY_FILE,
  /** The nonce journal: signature nonces accepted within the replay window, so a replay stays refused after a restart. */
  nonces: NONCE_FILE,
} as const

export type DataDirLayout = { readonly dir: string } & { readonly [K in keyof typeof DATA_DIR_FILES]: string }

export const dataDirLayout = (dir: string): DataDirLayout => {
  const files = Object.fromEntries(Object.entries(DATA_DIR_FILES).map(([k, name]) => [k, join(dir, name)]))
  return { dir, ...files } as DataDirLayout
}

/** Precedence, the same for every command: --data-dir, then the config file's `dataDir`, then KMS_DATA_DIR, then ./data. */
export const chooseDataDir = (o: { readonly flag?: string | undefined; readonly file?: unknown }, env: NodeJS.ProcessEnv = process.env): string =>
  o.flag ?? (typeof o.file === 'string' ? o.file : undefined) ?? env['KMS_DATA_DIR'] ?? DEFAULT_DATA_DIR

/** The same, as an absolute path (what `serve` and the access-key commands use). */
export const resolveDataDir = (o: { readonly flag?: string | undefined; readonly file?: unknown }, env: NodeJS.ProcessEnv = process.env): string =>
  resolve(chooseDataDir(o, env))
