import * as E from 'fp-ts/lib/Either.js'
import { SqliteAccessKeyStore } from '../adapters/access-keys/sqlite-store.ts'
import { SqliteReadStore } from '../adapters/readstore/sqlite.ts'
import { loadDataDirRootKey } from '../adapters/root-key.ts'
import { openEventStoreByUrl, UnsupportedStoreUrl } from '../adapters/store/select.ts'
import { openWrappedVaultByUrl, UnsupportedVaultUrl } from '../adapters/vault/select.ts'
import { dataDirLayout } from './data-dir.ts'

// The stores a CLI command opens besides the event store (composition/event-store.ts), all from here, so each
// command finds a data dir's files as `serve` lays them out (data-dir.ts) (docs/architecture.md §9).

/** The data dir's access keys, under its root key (KMS_ROOT_KEY, else the dir's key file). */
export const openDataDirAccessKeys = (dataDir: string, env: NodeJS.ProcessEnv = process.env): E.Either<string, SqliteAccessKeyStore> =>
  E.map((rootKey: Buffer) => SqliteAccessKeyStore.open(dataDir, rootKey))(loadDataDirRootKey(dataDir, env))

/** The data dir's read store (the views `serve` keeps). */
export const openDataDirReadStore = (dataDir: string): SqliteReadStore => SqliteReadStore.open(dataDirLayout(dataDir).readStore)

/** A copy's source or target, named by URL (`keyledger store copy`, `vault copy`). */
export { openEventStoreByUrl, openWrappedVaultByUrl, UnsupportedStoreUrl, UnsupportedVaultUrl }
