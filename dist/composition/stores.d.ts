import * as E from 'fp-ts/lib/Either.js';
import { SqliteAccessKeyStore } from '../adapters/access-keys/sqlite-store.ts';
import { SqliteReadStore } from '../adapters/readstore/sqlite.ts';
import { openEventStoreByUrl, UnsupportedStoreUrl } from '../adapters/store/select.ts';
import { openWrappedVaultByUrl, UnsupportedVaultUrl } from '../adapters/vault/select.ts';
/** The data dir's access keys, under its root key (KMS_ROOT_KEY, else the dir's key file). */
export declare const openDataDirAccessKeys: (dataDir: string, env?: NodeJS.ProcessEnv) => E.Either<string, SqliteAccessKeyStore>;
/** The data dir's read store (the views `serve` keeps). */
export declare const openDataDirReadStore: (dataDir: string) => SqliteReadStore;
/** A copy's source or target, named by URL (`keyledger store copy`, `vault copy`). */
export { openEventStoreByUrl, openWrappedVaultByUrl, UnsupportedStoreUrl, UnsupportedVaultUrl };
export { SqliteEventStore as EventStoreFile } from '../adapters/store/sqlite/index.ts';
export { SqliteKeyVault as KeyVaultFile } from '../adapters/vault/sqlite-vault.ts';
export { loadDataDirRootKey as dataDirRootKey } from '../adapters/root-key.ts';
