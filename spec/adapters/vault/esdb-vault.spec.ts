// The EventStoreDB vault rides out an unreachable server as the event store does (adapters/store/esdb/backoff.ts):
// a node started before its database waits, and a call made while the server is down goes through once it is back.
import { EventStoreDBClient } from '@eventstore/db-client'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import pino from 'pino'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { startApp } from '../../../composition/app.ts'
import { EsdbKeyVault, vaultStream, vaultTokenStream } from '../../../adapters/vault/esdb-vault.ts'
import { testConfig } from '../../support/api-server.ts'
import { startEsdbDouble, type EsdbDouble } from '../../support/esdb-double/index.ts'
import { streamTypes } from '../../support/esdb-nodes.ts'
import { FAST_BACKOFF, sleep } from '../../support/esdb-targets.ts'

/** A port where no server listens yet: a double's, stopped. */
const freePort = async (): Promise<number> => {
  const d = await startEsdbDouble()
  await d.stop()
  return d.port
}

const right = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected Right, got ${JSON.stringify(e.left)}`)
  return e.right
}

test('a vault opened before its database is up waits out the backoff, then opens and works', async () => {
  // given no server yet at the address
  const port = await freePort()
  const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${port}?tls=false`)
  let double: EsdbDouble | undefined
  try {
    // when the vault opens, and the database comes up 150 ms later
    const opening = EsdbKeyVault.open(client, randomBytes(32), { backoff: FAST_BACKOFF })
    await sleep(150)
    double = await startEsdbDouble({ port })
    // then the open went through (the root check was written) and the vault keeps material
    const vault = right(await opening)
    await vault.put('key-late', 'v1', 'raw', Buffer.alloc(32, 7), false)
    assert.equal(right(await vault.get('key-late', 'v1'))?.material, Buffer.alloc(32, 7))
    await vault.close()
  } finally {
    await client.dispose()
    await double?.stop()
  }
})

test('a vault call made while the server is down goes through once it is back (put, get, tokens, destroy)', async () => {
  const first = await startEsdbDouble()
  const client = EventStoreDBClient.connectionString(first.connectionString)
  let second: EsdbDouble | undefined
  try {
    const vault = right(await EsdbKeyVault.open(client, randomBytes(32), { backoff: FAST_BACKOFF }))
    await vault.put('key-d', 'v1', 'raw', Buffer.alloc(32, 1), false)
    await first.stop()
    const pending = (async () => {
      await vault.put('key-d', 'v2', 'raw', Buffer.alloc(32, 2), false)
      await vault.putImportToken({ tokenId: 't1', keyId: 'key-d', algorithm: 'RSAES_OAEP_SHA_256', expiresAt: '2099-01-01T00:00:00Z', privateKeyPkcs8: Buffer.alloc(8, 3) })
      return vault.get('key-d', 'v2')
    })()
    await sleep(150)
    second = await startEsdbDouble({ port: first.port, log: first.log })
    assert.equal(right(await pending)?.material, Buffer.alloc(32, 2))
    assert.ok(right(await vault.getImportToken('key-d', 't1')))
    await vault.destroyKey('key-d')
    assert.is(right(await vault.get('key-d', 'v1')), undefined)
    await vault.close()
  } finally {
    await client.dispose()
    await (second ?? first).stop()
  }
})

test('putImportToken appends at the exact revision: the same token put twice is written once', async () => {
  const double = await startEsdbDouble()
  const client = EventStoreDBClient.connectionString(double.connectionString)
  try {
    const vault = right(await EsdbKeyVault.open(client, randomBytes(32), { backoff: FAST_BACKOFF }))
    const tok = { tokenId: 't1', keyId: 'key-t', algorithm: 'RSAES_OAEP_SHA_256', expiresAt: '2099-01-01T00:00:00Z', privateKeyPkcs8: Buffer.alloc(8, 3) }
    await vault.putImportToken(tok)
    await vault.putImportToken(tok)
    await vault.putImportToken({ ...tok, tokenId: 't2' })
    assert.equal(await streamTypes(client, vaultTokenStream('key-t')), ['ImportTokenWrapped', 'ImportTokenWrapped'])
    await vault.deleteImportToken('key-t', 't1')
    await vault.deleteImportToken('key-t', 't1')
    assert.equal(await streamTypes(client, vaultTokenStream('key-t')), ['ImportTokenWrapped', 'ImportTokenWrapped', 'ImportTokenSpent'])
    assert.is(right(await vault.getImportToken('key-t', 't1')), undefined)
    assert.ok(right(await vault.getImportToken('key-t', 't2')))
    await vault.close()
  } finally {
    await client.dispose()
    await double.stop()
  }
})

test('a node started before its EventStoreDB is up waits for it (store and vault), then serves', async () => {
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-late-'))
  let double: EsdbDouble | undefined
  try {
    const starting = startApp(testConfig({ dataDir, store: { type: 'esdb', url: `esdb://127.0.0.1:${port}?tls=false` } }), {
      logger: pino({ level: 'silent' }), env: { KMS_ROOT_KEY: randomBytes(32).toString('base64') },
    })
    await sleep(300)
    double = await startEsdbDouble({ port })
    const app = await starting
    await app.close()
    const check = EventStoreDBClient.connectionString(double.connectionString)
    assert.equal(await streamTypes(check, vaultStream('rootcheck')), ['RootKeyCheck'])
    await check.dispose()
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
    await double?.stop()
  }
})

test.run()
