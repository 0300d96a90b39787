import { existsSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { AccessKey, AccessKeyStore } from '../../domain/ports/access-keys.ts'
import { loadDataDirRootKey } from '../root-key.ts'
import { ACCESS_KEY_DB_FILE, SqliteAccessKeyStore } from './sqlite-store.ts'

/**
 * The server's view of the keys `keyledger access-keys` keeps in the data dir. Opened on the first lookup after
 * the file exists, so a server whose operator never made such a key needs no root key and writes nothing, and a
 * key made while the server runs works at once.
 */
export class DataDirAccessKeys implements AccessKeyStore {
  private store: SqliteAccessKeyStore | undefined

  constructor(private readonly dataDir: string, private readonly env: NodeJS.ProcessEnv) {}

  async find(accessKeyId: string): Promise<AccessKey | undefined> {
    if (!this.store) {
      if (!existsSync(join(this.dataDir, ACCESS_KEY_DB_FILE))) return undefined
      const rootKey = loadDataDirRootKey(this.dataDir, this.env)
      if (E.isLeft(rootKey)) throw new Error(`cannot read stored access keys: ${rootKey.left}`)
      this.store = SqliteAccessKeyStore.open(this.dataDir, rootKey.right)
    }
    return this.store.find(accessKeyId)
  }

  close(): void {
    this.store?.close()
    this.store = undefined
  }
}
