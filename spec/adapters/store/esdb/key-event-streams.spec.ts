// Issue 17, item 3 on EventStoreDB (docs/key-events.md "On EventStoreDB"): the public key-event feed as
// `keyledger-key-events-<accountId>` streams that another system reads and subscribes to with the official client
// (@eventstore/db-client, against the in-process double). Two nodes publish, each event appears once; each account's
// stream holds only its keys; a node restarted publishes what came since without repeating; the streams are not
// part of the log (no read of the store returns them).
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { EventStoreDBClient, START, streamNameFilter, StreamNotFoundError } from '@eventstore/db-client'
import { ACCOUNT_A, ACCOUNT_B, KEY_A, KEY_B } from '../../../support/api-server.ts'
import { startEsdbDouble } from '../../../support/esdb-double/index.ts'
import { eventually, newRootKey, startEsdbNode, type EsdbNode } from '../../../support/esdb-nodes.ts'
import { call, type RawKey } from '../../../support/signed-request.ts'

interface Pub { schema: string; position: number; eventId: string; keyId: string; type: string }

const streamOf = (account: string) => `keyledger-key-events-${account}`
const read = async (client: EventStoreDBClient, stream: string): Promise<Pub[]> => {
  const out: Pub[] = []
  try {
    for await (const r of client.readStream(stream)) if (r.event) out.push(r.event.data as unknown as Pub)
  } catch (e) {
    if (e instanceof StreamNotFoundError) return []
    throw e
  }
  return out
}
const url = (n: EsdbNode) => `http://127.0.0.1:${n.app.api.port}`
const ok = async (n: EsdbNode, key: RawKey, params: Record<string, string>) => {
  const r = await call(url(n), key, params)
  assert.is(r.status, 200, JSON.stringify(r.body))
  return r.body
}
const createKey = async (n: EsdbNode, key: RawKey) => ((await ok(n, key, { Action: 'CreateKey' }))['KeyMetadata'] as { KeyId: string }).KeyId
const feed = async (n: EsdbNode, key: RawKey) => ((await ok(n, key, { Action: 'ListKeyEvents', Limit: '100' }))['Events'] as { Event: Pub[] }).Event

test('given two nodes on one EventStoreDB, when keys of two accounts change, then each account\'s stream holds its public events once, in order, as ListKeyEvents shows them, and a subscriber with the official client receives them', async () => {
  const double = await startEsdbDouble()
  const rootKey = newRootKey()
  const a = await startEsdbNode(double.connectionString, rootKey)
  const b = await startEsdbNode(double.connectionString, rootKey)
  const client = EventStoreDBClient.connectionString(double.connectionString)
  let c: EsdbNode | undefined
  try {
    // A system subscribes to A's stream before anything happens (a filter on the stream name, over $all).
    const live: Pub[] = []
    const subscription = client.subscribeToAll({ fromPosition: START, filter: streamNameFilter({ prefixes: [streamOf(ACCOUNT_A)] }) })
    subscription.on('data', (r) => {
      if (r.event) live.push(r.event.data as unknown as Pub)
    })
    const ka = await createKey(a, KEY_A)
    await ok(b, KEY_A, { Action: 'DisableKey', KeyId: ka })
    const kb = await createKey(b, KEY_B)
    await eventually(async () => (await read(client, streamOf(ACCOUNT_A))).length === 2 && (await read(client, streamOf(ACCOUNT_B))).length === 1, 'both streams published')
    const inA = await read(client, streamOf(ACCOUNT_A))
    assert.equal(inA.map((e) => [e.keyId, e.type]), [[ka, 'created'], [ka, 'disabled']])
    assert.equal(inA.map((e) => e.eventId), (await feed(a, KEY_A)).map((e) => e.eventId), 'the same events as ListKeyEvents')
    assert.ok(inA.every((e) => e.schema === 'keyledger.key-event/1'))
    assert.equal((await read(client, streamOf(ACCOUNT_B))).map((e) => [e.keyId, e.type]), [[kb, 'created']], 'B\'s stream: B\'s key only')
    await eventually(async () => live.length === 2, 'the subscriber received A\'s events')
    assert.equal(live.map((e) => e.eventId), inA.map((e) => e.eventId))
    // The streams are not the log: no read of the store returns them.
    assert.not.ok((await a.app.store.readAll({})).some((e) => e.streamId.startsWith('keyledger-key-events-')))
    // A node restarted (a new one on the same database) publishes only what came since.
    await a.close()
    c = await startEsdbNode(double.connectionString, rootKey)
    await ok(c, KEY_A, { Action: 'EnableKey', KeyId: ka })
    await eventually(async () => (await read(client, streamOf(ACCOUNT_A))).length >= 3, 'the enable published')
    await new Promise((r) => setTimeout(r, 500)) // time for a duplicate to show, were one written
    const after = await read(client, streamOf(ACCOUNT_A))
    assert.equal(after.map((e) => e.type), ['created', 'disabled', 'enabled'], 'nothing repeated')
    assert.equal(after.map((e) => e.eventId), (await feed(c, KEY_A)).map((e) => e.eventId))
    await subscription.unsubscribe()
  } finally {
    await client.dispose()
    await b.close()
    await c?.close()
    await a.close().catch(() => undefined)
    await double.stop()
  }
})

test.run()
