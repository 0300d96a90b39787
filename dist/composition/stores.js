import * as E from 'fp-ts/lib/Either.js';
import { SqliteAccessKeyStore } from "../adapters/access-keys/sqlite-store.js";
import { SqliteReadStore } from "../adapters/readstore/sqlite.js";
import { loadDataDirRootKey } from "../adapters/root-key.js";
import { openEventStoreByUrl, UnsupportedStoreUrl } from "../adapters/store/select.js";
import { openWrappedVaultByUrl, UnsupportedVaultUrl } from "../adapters/vault/select.js";
import { dataDirLayout } from "./data-dir.js";
// The stores a CLI command opens besides the event store (composition/event-store.ts), all from here, so each
// command finds a data dir's files as `serve` lays them out (data-dir.ts) (docs/architecture.md §9).
/** The data dir's access keys, under its root key (KMS_ROOT_KEY, else the dir's key file). */
export const openDataDirAccessKeys = (dataDir, env = process.env) => E.map((rootKey) => SqliteAccessKeyStore.open(dataDir, rootKey))(loadDataDirRootKey(dataDir, env));
/** The data dir's read store (the views `serve` keeps). */
export const openDataDirReadStore = (dataDir) => SqliteReadStore.open(dataDirLayout(dataDir).readStore);
/** A copy's source or target, named by URL (`keyledger store copy`, `vault copy`). */
export { openEventStoreByUrl, openWrappedVaultByUrl, UnsupportedStoreUrl, UnsupportedVaultUrl };
// Backup, restore and upgrade (adapters/cli/backup/, adapters/cli/upgrade.ts) open copies of the data dir's files
// by path: through here, like every other CLI store.
export { SqliteEventStore as EventStoreFile } from "../adapters/store/sqlite/index.js";
export { SqliteKeyVault as KeyVaultFile } from "../adapters/vault/sqlite-vault.js";
export { loadDataDirRootKey as dataDirRootKey } from "../adapters/root-key.js";
