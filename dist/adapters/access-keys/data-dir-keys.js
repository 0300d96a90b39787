import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { loadDataDirRootKey } from "../root-key.js";
import { ACCESS_KEY_DB_FILE, SqliteAccessKeyStore } from "./sqlite-store.js";
/**
 * The server's view of the keys `keyledger access-keys` keeps in the data dir. Opened on the first lookup after
 * the file exists, so a server whose operator never made such a key needs no root key and writes nothing, and a
 * key made while the server runs works at once.
 */
export class DataDirAccessKeys {
    dataDir;
    env;
    store;
    constructor(dataDir, env) {
        this.dataDir = dataDir;
        this.env = env;
    }
    async find(accessKeyId) {
        if (!this.store) {
            if (!existsSync(join(this.dataDir, ACCESS_KEY_DB_FILE)))
                return undefined;
            const rootKey = loadDataDirRootKey(this.dataDir, this.env);
            if (E.isLeft(rootKey))
                throw new Error(`cannot read stored access keys: ${rootKey.left}`);
            this.store = SqliteAccessKeyStore.open(this.dataDir, rootKey.right);
        }
        return this.store.find(accessKeyId);
    }
    close() {
        this.store?.close();
        this.store = undefined;
    }
}
