// Issue 13, item 2 on EventStoreDB: "a shared nonce record (spec: replay on node B of a request served by node A
// is refused)". Two keyledger nodes on one EventStoreDB, reached through the real @eventstore/db-client: the
// in-process double always, a real server too when ESDB_CONNECTION_STRING is set (else that variant is reported as
// skipped, never as passed). Each node has its own data dir, so its own nonce cache and journal: only the record in
// the database (adapters/store/esdb/nonce-record.ts) can tell node B that node A served the request.
import { EventStoreDBClient } from '@eventstore/db-client'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { nonceStream } from '../../../../adapters/store/esdb/nonce-record.ts'
import { KEY_A } from '../../../support/api-server.ts'
import { startEsdbDouble, type EsdbDouble } from '../../../support/esdb-double/index.ts'
import { newRootKey, startEsdbNode, streamTypes } from '../../../support/esdb-nodes.ts'
import { realConnectionString } from '../../../support/esdb-targets.ts'
import { signedQuery } from '../../../support/signed-request.ts'

const post = async (port: number, query: string) => {
  const res = await fetch(`http://127.0.0.1:${port}/?${query}`, { method: 'POST' })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

const keysOf = async (port: number): Promise<string[]> =>
  ((await post(port, signedQuery(KEY_A, { Action: 'ListKeys', PageSize: '100' }))).body['Keys'] as { Key: { KeyId: string }[] }).Key.map((k) => k.KeyId)

const variant = (name: string, connect: () => Promise<{ connectionString: string; double?: EsdbDouble; stop: () => Promise<void> }>) => {
  test(`item 2 (${name}): a signed CreateKey served by node A, replayed byte for byte to node B, is refused as a local replay is (SignatureNonceUsed); no second key`, async () => {
    // given two nodes on one EventStoreDB, each with its own data dir (nonce cache and journal)
    const db = await connect()
    const rootKey = newRootKey()
    const a = await startEsdbNode(db.connectionString, rootKey)
    const b = await startEsdbNode(db.connectionString, rootKey)
    const client = EventStoreDBClient.connectionString(db.connectionString)
    try {
      // when a CreateKey is signed once and served by node A
      const nonce = `two-nodes-${Date.now()}-${Math.random().toString(36).slice(2)}`
      const captured = signedQuery(KEY_A, { Action: 'CreateKey', Description: 'replay across nodes' }, { nonce })
      const served = await post(a.app.api.port, captured)
      assert.is(served.status, 200, JSON.stringify(served.body))
      const keyId = (served.body['KeyMetadata'] as { KeyId: string }).KeyId
      const before = await keysOf(b.app.api.port)

      // then the same bytes sent to node B are refused, with the code node A gives its own replay
      const onB = await post(b.app.api.port, captured)
      const onA = await post(a.app.api.port, captured)
      assert.equal([onB.status, onB.body['Code']], [400, 'SignatureNonceUsed'], JSON.stringify(onB.body))
      assert.equal([onA.status, onA.body['Code']], [onB.status, onB.body['Code']])
      // and no second key was made on either node
      assert.ok(before.includes(keyId))
      assert.equal((await keysOf(a.app.api.port)).sort(), before.sort())

      // and the record is one claim in the database, kept for the window (behind + ahead) so a scavenge drops it
      const stream = nonceStream(KEY_A.id, nonce)
      assert.equal(await streamTypes(client, stream), ['SignatureNonceUsed'])
      const meta = await client.getStreamMetadata(stream)
      assert.is(meta.metadata?.maxAge, 900 + 300)

      // and a fresh request (new nonce) is served by node B: only the replay is refused
      assert.is((await post(b.app.api.port, signedQuery(KEY_A, { Action: 'ListKeys' }))).status, 200)

      // and the record is not part of the log: no reader of the events (views, audit, copy) sees it
      if (db.double) assert.ok(!(await a.app.store.readAll()).some((e) => e.streamId.startsWith('nonce-')), 'readAll hides nonce streams')
    } finally {
      await client.dispose()
      await a.close()
      await b.close()
      await db.stop()
    }
  })
}

variant('double', async () => {
  const double = await startEsdbDouble()
  return { connectionString: double.connectionString, double, stop: () => double.stop() }
})

test('item 2 (double): the claim costs one round trip: the claim and its retention are sent together, and a replay writes nothing', async () => {
  // given one node on the double
  const double = await startEsdbDouble()
  const a = await startEsdbNode(double.connectionString, newRootKey())
  try {
    const nonceRecords = () => double.log.records.filter((r) => r.streamId.includes('nonce-')).map((r) => `${r.streamId.startsWith('$$') ? 'meta' : 'claim'}:${r.type}`)
    const captured = signedQuery(KEY_A, { Action: 'ListKeys' }, { nonce: 'one-round-trip' })
    // when a request is served, then replayed to the same node
    assert.is((await post(a.app.api.port, captured)).status, 200)
    assert.equal(nonceRecords().sort(), ['claim:SignatureNonceUsed', 'meta:$metadata'])
    assert.is((await post(a.app.api.port, captured)).body['Code'], 'SignatureNonceUsed')
    // then the local replay was refused without a second write
    assert.is(nonceRecords().length, 2)
  } finally {
    await a.close()
    await double.stop()
  }
})

if (realConnectionString) {
  const real = realConnectionString
  variant('real server', () => Promise.resolve({ connectionString: real, stop: () => Promise.resolve() }))
} else test.skip('item 2 (real server): not run (ESDB_CONNECTION_STRING is unset)', () => {})

test.run()
