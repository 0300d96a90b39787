import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { existsSync } from 'node:fs'
import { EsdbEventStore } from '../../../adapters/store/esdb/index.ts'
import { openEventStoreByUrl, parseStoreUrl, UnsupportedStoreUrl } from '../../../adapters/store/select.ts'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { tempStoreFile } from '../../support/temp-sqlite.ts'

test('sqlite: URLs and plain paths name a SQLite file', () => {
  assert.equal(parseStoreUrl('sqlite:/var/lib/keyledger/events.db'), { kind: 'sqlite', path: '/var/lib/keyledger/events.db' })
  assert.equal(parseStoreUrl('sqlite:///var/lib/keyledger/events.db'), { kind: 'sqlite', path: '/var/lib/keyledger/events.db' })
  assert.equal(parseStoreUrl('sqlite:data/events.db'), { kind: 'sqlite', path: 'data/events.db' })
  assert.equal(parseStoreUrl('./data/events.db'), { kind: 'sqlite', path: './data/events.db' })
})

test('esdb:// and esdb+discover:// go to the client as they are', () => {
  for (const url of ['esdb://127.0.0.1:2113?tls=false', 'esdb+discover://a:2113,b:2113?tls=false&nodePreference=leader'])
    assert.equal(parseStoreUrl(url), { kind: 'esdb', connectionString: url })
})

test('unknown schemes and empty SQLite paths are refused with the accepted forms', () => {
  for (const url of ['postgres://db/keyledger', 'sqlite:', 'sqlite://host/events.db', ''])
    assert.throws(() => parseStoreUrl(url), (e: unknown) => e instanceof UnsupportedStoreUrl && /sqlite:\/path\/to\/events\.sqlite/.test(e.message), url)
})

test('openEventStoreByUrl opens the adapter; a source that must exist is not created', async () => {
  const { path, remove } = tempStoreFile()
  try {
    const missing = await openEventStoreByUrl(`sqlite:${path}`, { mustExist: true }).then(() => undefined, (e: unknown) => e)
    assert.instance(missing, UnsupportedStoreUrl)
    assert.not.ok(existsSync(path))
    const sqlite = await openEventStoreByUrl(path)
    assert.instance(sqlite, SqliteEventStore)
    await sqlite.close()
    const esdb = await openEventStoreByUrl('esdb://127.0.0.1:1?tls=false')
    assert.instance(esdb, EsdbEventStore)
    await esdb.close()
  } finally {
    remove()
  }
})

test.run()
