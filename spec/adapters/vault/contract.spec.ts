// The KeyVault contract (spec/adapters/vault/contract.ts) on both vaults: the data dir's SQLite file, and the
// vault- streams of EventStoreDB (the real client against the in-process double).
import { EventStoreDBClient } from '@eventstore/db-client'
import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { EsdbKeyVault, vaultImportedStream, vaultStream } from '../../../adapters/vault/esdb-vault.ts'
import { SqliteKeyVault } from '../../../adapters/vault/sqlite-vault.ts'
import type { WrappedMaterial } from '../../../adapters/vault/wrap.ts'
import { startEsdbDouble } from '../../support/esdb-double/index.ts'
import { vaultContract } from './contract.ts'

vaultContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-vault-'))
  const path = join(dir, 'vault.db')
  return {
    open: async (rootKey) => SqliteKeyVault.open(path, rootKey),
    storage: () => Buffer.concat([path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p))),
    wrapped: (keyId) => {
      const db = new Database(path, { readonly: true })
      try {
        return (db.prepare('SELECT version_id, kind, iv, tag, ciphertext FROM material WHERE key_id = ?').all(keyId) as
          { version_id: string; kind: string; iv: Buffer; tag: Buffer; ciphertext: Buffer }[])
          .map((r) => ({ versionId: r.version_id, kind: r.kind, w: { iv: r.iv, tag: r.tag, ciphertext: r.ciphertext } }))
      } finally {
        db.close()
      }
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  }
})

vaultContract('esdb (double)', async () => {
  const double = await startEsdbDouble()
  return {
    open: async (rootKey) => {
      const client = EventStoreDBClient.connectionString(double.connectionString)
      const opened = await EsdbKeyVault.open(client, rootKey)
      if (E.isLeft(opened)) await client.dispose()
      return opened
    },
    storage: () => Buffer.concat(double.log.records.flatMap((r) => [Buffer.from(r.streamId), Buffer.from(r.data), Buffer.from(r.metadata)])),
    wrapped: (keyId) => double.log.records
      .filter((r) => (r.streamId === vaultStream(keyId) || r.streamId === vaultImportedStream(keyId)) && r.type === 'MaterialWrapped')
      .map((r) => {
        const d = JSON.parse(Buffer.from(r.data).toString('utf8')) as { versionId: string; kind: string; iv: string; tag: string; ciphertext: string }
        const w: WrappedMaterial = { iv: Buffer.from(d.iv, 'base64'), tag: Buffer.from(d.tag, 'base64'), ciphertext: Buffer.from(d.ciphertext, 'base64') }
        return { versionId: d.versionId, kind: d.kind, w }
      }),
    cleanup: () => double.stop(),
  }
})
