import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteEventStore } from '../../adapters/store/sqlite/index.ts'
import { SqliteReadStore } from '../../adapters/readstore/sqlite.ts'
import { SqliteAccessKeyStore } from '../../adapters/access-keys/sqlite-store.ts'
import { ensurePrivateDatabaseFile } from '../../adapters/private-file.ts'
import { newEvents } from '../support/store-events.ts'

// Data files the server creates in its data dir are owner-only (0600) whatever the umask: events.sqlite,
// readstore.sqlite, access-keys.sqlite and their -wal/-shm files. (vault.sqlite and root.key: adapters/vault,
// adapters/root-key.ts.)

const mode = (p: string) => statSync(p).mode & 0o777

test('with umask 000, events, read store and access keys (and their WAL files) are created 0600', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-private-'))
  const old = process.umask(0o000)
  try {
    const events = await SqliteEventStore.open(join(dir, 'events.sqlite'))
    await events.append('key-a', 'no_stream', newEvents(2))
    const rs = SqliteReadStore.open(join(dir, 'readstore.sqlite'))
    const aks = SqliteAccessKeyStore.open(dir, randomBytes(32))
    aks.create('acs:ram::42:root', '42', new Date())
    const files = readdirSync(dir)
    assert.ok(files.includes('events.sqlite-wal') && files.includes('readstore.sqlite-wal'), files.join(' '))
    for (const f of files) assert.is(mode(join(dir, f)).toString(8), '600', f)
    await events.close()
    rs.close()
    aks.close()
  } finally {
    process.umask(old)
    rmSync(dir, { recursive: true, force: true })
  }
})

test('an existing database file (and a WAL) with wider permissions is tightened on open; :memory: is left alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-private-'))
  try {
    const path = join(dir, 'readstore.sqlite')
    SqliteReadStore.open(path).close()
    chmodSync(path, 0o644)
    writeFileSync(`${path}-wal`, '', { mode: 0o666 })
    chmodSync(`${path}-wal`, 0o666)
    ensurePrivateDatabaseFile(path)
    assert.is(mode(path), 0o600)
    assert.is(mode(`${path}-wal`), 0o600)
    ensurePrivateDatabaseFile(':memory:')
    assert.not.ok(existsSync(':memory:'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test.run()
