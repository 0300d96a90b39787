// Issue 17 item 3, "on EventStoreDB also as a stream other systems subscribe to with the official client"
// (docs/key-events.md "On EventStoreDB"): keyledger nodes on the double, driven through the official SDK over
// HTTP; the consumer is the bare @eventstore/db-client with `subscribeToStream` on its account's stream.
import { EventStoreDBClient, jsonEvent, START, type StreamSubscription } from '@eventstore/db-client'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { KEY_EVENTS_CHECKPOINT_STREAM } from '../../../../adapters/store/esdb/key-event-projector.ts'
import { ADMINS_ONLY, appendPublicEvent, keyEventStreamOf, publicEventIdOf } from '../../../../adapters/store/esdb/key-event-streams.ts'
import { KEY_EVENT_SCHEMA, type PublicKeyEvent } from '../../../../projections/feed/key-events.ts'
import { ACCOUNT_A, ACCOUNT_B, KEY_A, KEY_B } from '../../../support/api-server.ts'
import { startEsdbDouble } from '../../../support/esdb-double/index.ts'
import { eventually, newRootKey, startEsdbNode, type EsdbNode } from '../../../support/esdb-nodes.ts'
import type { AppConfig } from '../../../../composition/config.ts'
import type { RecordedEvent } from '../../../../domain/kernel/envelope.ts'
import { $kms, kmsClient } from '../../../support/sdk-clients.ts'

const req = (name: string, m: Record<string, unknown> = {}) => new $kms[`${name}Request`]!(m)

interface Received { readonly id: string; readonly type: string; readonly data: Record<string, unknown>; readonly metadata: unknown }

/** A consumer as another system writes it: the official client, its account's stream, from the start. */
const consume = (client: EventStoreDBClient, stream: string) => {
  const received: Received[] = []
  const sub: StreamSubscription = client.subscribeToStream(stream, { fromRevision: START })
  sub.on('data', (r) => {
    if (r.event) received.push({ id: r.event.id, type: r.event.type, data: r.event.data as Record<string, unknown>, metadata: r.event.metadata })
  })
  return { received, stop: () => sub.unsubscribe() }
}

const PUBLIC_FIELDS = ['details', 'eventId', 'keyArn', 'keyId', 'position', 'schema', 'time', 'type']

const readAllOf = async (client: EventStoreDBClient, stream: string): Promise<Received[]> => {
  const out: Received[] = []
  try {
    for await (const r of client.readStream(stream)) if (r.event) out.push({ id: r.event.id, type: r.event.type, data: r.event.data as Record<string, unknown>, metadata: r.event.metadata })
  } catch {
    return out
  }
  return out
}

/**
 * The double, a bare client and a keyledger node on the double that a spec stops and starts again (same root key,
 * so the vault in the double stays readable); everything is closed after `run`.
 */
const onDouble = async (config: Partial<AppConfig>, run: (w: {
  readonly client: EventStoreDBClient
  /** The official SDK as account A's (or B's) root, on the node running now. */
  readonly kms: (key?: typeof KEY_A) => ReturnType<typeof kmsClient>
  readonly stop: () => Promise<void>
  readonly start: (other?: Partial<AppConfig>) => Promise<void>
  /** Account A's public stream as the bare client reads it. */
  readonly streamA: () => Promise<Received[]>
  /** The whole log as the running node's store reads it. */
  readonly readLog: () => Promise<RecordedEvent[]>
}) => Promise<void>): Promise<void> => {
  const double = await startEsdbDouble()
  const rootKey = newRootKey()
  let node: EsdbNode = await startEsdbNode(double.connectionString, rootKey, { config })
  const client = EventStoreDBClient.connectionString(double.connectionString)
  try {
    await run({
      client,
      kms: (key = KEY_A) => kmsClient(node.app.api.port, key),
      stop: () => node.close(),
      start: async (other = config) => {
        node = await startEsdbNode(double.connectionString, rootKey, { config: other })
      },
      streamA: () => readAllOf(client, keyEventStreamOf(ACCOUNT_A)),
      readLog: () => node.app.store.readAll(),
    })
  } finally {
    await node.close()
    await client.dispose()
    await double.stop()
  }
}

/** Lets a projection that would wrongly write more do so before the spec looks. */
const settle = () => new Promise((r) => setTimeout(r, 200))

test('item 3: a consumer subscribed to its account\'s stream gets exactly its keys\' public events, in order, once, across keyledger restarts', async () => {
  // given a keyledger node on EventStoreDB whose account A stream is readable by the EventStoreDB user `feed-a`
  const config = { keyEventStreams: { readers: { [ACCOUNT_A]: ['feed-a'] } } }
  await onDouble(config, async ({ client, kms, stop, start, readLog }) => {
    const consumer = consume(client, keyEventStreamOf(ACCOUNT_A))
    try {
      // when account A creates a key and disables it, creates another and schedules its deletion, and tags one
      // (not a public event); account B creates a key of its own
      const k1: string = (await kms().createKey(req('CreateKey', {}))).keyMetadata.keyId
      await kms().disableKey(req('DisableKey', { keyId: k1 }))
      const k2: string = (await kms().createKey(req('CreateKey', {}))).keyMetadata.keyId
      await kms().tagResource(req('TagResource', { keyId: k2, tags: '[{"TagKey":"env","TagValue":"prod"}]' }))
      await kms().scheduleKeyDeletion(req('ScheduleKeyDeletion', { keyId: k2, pendingWindowInDays: 7 }))
      const kb: string = (await kms(KEY_B).createKey(req('CreateKey', {}))).keyMetadata.keyId

      // then the consumer receives exactly those four public events, in the log's order
      const expected1 = [['created', k1], ['disabled', k1], ['created', k2], ['deletion-scheduled', k2]]
      await eventually(async () => consumer.received.length >= 4, 'the first four public events')
      assert.equal(consumer.received.map((e) => [e.type, e.data['keyId']]), expected1)
      // each is the versioned public schema and nothing else: no envelope metadata, no principal, no request id
      for (const e of consumer.received) {
        assert.equal(Object.keys(e.data).sort(), PUBLIC_FIELDS)
        assert.is(e.data['schema'], 'keyledger.key-event/1')
        assert.is(e.data['type'], e.type)
        assert.is(e.id, publicEventIdOf(e.data['eventId'] as string), 'the event id derives from the source event')
        assert.ok(e.metadata === undefined || (e.metadata as Uint8Array).length === 0, 'no metadata at all')
        assert.not.match(JSON.stringify(e.data), /acs:ram::|requestId|principal|hash/)
      }
      const scheduled = consumer.received[3]!.data['details'] as { deleteDate: string }
      assert.equal(scheduled, { pendingWindowInDays: 7, deleteDate: scheduled.deleteDate })
      const positions = consumer.received.map((e) => e.data['position'] as number)
      assert.equal([...positions].sort((a, b) => a - b), positions, 'in increasing position')

      // when keyledger stops, a node with the projection off changes A's keys (the projector is down meanwhile),
      // and keyledger starts again
      await stop()
      await start({ keyEventStreams: { enabled: false } })
      await kms().enableKey(req('EnableKey', { keyId: k1 }))
      await kms().cancelKeyDeletion(req('CancelKeyDeletion', { keyId: k2 }))
      await stop()
      assert.is(consumer.received.length, 4, 'nothing projected while the projection is off')
      await start()
      await kms().disableKey(req('DisableKey', { keyId: k2 }))

      // then the consumer, subscribed all along, gets the missed events and the new one, none twice
      const expected2 = [...expected1, ['enabled', k1], ['deletion-cancelled', k2], ['disabled', k2]]
      await eventually(async () => consumer.received.length >= expected2.length, 'the events of the restart')
      await settle()
      assert.equal(consumer.received.map((e) => [e.type, e.data['keyId']]), expected2)
      assert.is(new Set(consumer.received.map((e) => e.id)).size, expected2.length)

      // and another account's stream has none of them: B's holds only B's key, A's none of B's
      assert.equal((await readAllOf(client, keyEventStreamOf(ACCOUNT_B))).map((e) => [e.type, e.data['keyId']]), [['created', kb]])
      assert.not.ok(consumer.received.some((e) => e.data['keyId'] === kb))

      // and each stream's ACL lets only its account's readers read it (default: $admins)
      assert.equal((await client.getStreamMetadata(keyEventStreamOf(ACCOUNT_A))).metadata?.acl, { readRoles: ['feed-a'] })
      assert.equal((await client.getStreamMetadata(keyEventStreamOf(ACCOUNT_B))).metadata?.acl, { readRoles: ['$admins'] })

      // and the log's readers never see the derived streams
      assert.not.ok((await readLog()).some((e) => e.streamId.startsWith('keyledger-')))
    } finally {
      await consumer.stop()
    }
  })
})

test('item 3: a checkpoint behind the streams (a crash before it was written) re-projects from there and writes nothing twice', async () => {
  await onDouble({}, async ({ client, kms, stop, start, streamA }) => {
    // given a node that projected a key's created and disabled events, then stopped
    const k1: string = (await kms().createKey(req('CreateKey', {}))).keyMetadata.keyId
    await kms().disableKey(req('DisableKey', { keyId: k1 }))
    await eventually(async () => (await streamA()).length === 2, 'two public events')
    await stop()
    // when the last checkpoint says "nothing projected yet" and keyledger starts again and acts once more
    await client.appendToStream(KEY_EVENTS_CHECKPOINT_STREAM, jsonEvent({ type: 'KeyEventsProjected', data: { position: 0 } }))
    await start()
    await kms().enableKey(req('EnableKey', { keyId: k1 }))
    // then the stream holds each event once
    await eventually(async () => (await streamA()).length >= 3, 'the third public event')
    await settle()
    assert.equal((await streamA()).map((e) => e.type), ['created', 'disabled', 'enabled'])
    // and the checkpoint moved past them when keyledger stopped
    await stop()
    const last = (await readAllOf(client, KEY_EVENTS_CHECKPOINT_STREAM)).at(-1)!
    assert.ok((last.data['position'] as number) >= ((await streamA()).at(-1)!.data['position'] as number), 'checkpoint at or past the last projected event')
  })
})

test('item 3: a restart resumes after the checkpoint: what it projected before is not scanned again', async () => {
  await onDouble({}, async ({ client, kms, stop, start, streamA }) => {
    // given a node that projected a key's creation and stopped (writing its checkpoint), and the public stream
    // deleted since (so that a rescan from the start would show)
    const k1: string = (await kms().createKey(req('CreateKey', {}))).keyMetadata.keyId
    await eventually(async () => (await streamA()).length === 1, 'the created event')
    await stop()
    await client.deleteStream(keyEventStreamOf(ACCOUNT_A))
    // when keyledger starts again and disables the key
    await start()
    await kms().disableKey(req('DisableKey', { keyId: k1 }))
    // then only the new event is projected
    await eventually(async () => (await streamA()).length >= 1, 'the disabled event')
    await settle()
    assert.equal((await streamA()).map((e) => e.type), ['disabled'])
  })
})

test('item 3: a writer whose view of the stream is stale (a lost acknowledgement, another node) projects an event again: it is written once', async () => {
  const double = await startEsdbDouble()
  const client = EventStoreDBClient.connectionString(double.connectionString)
  try {
    // given a public event already appended to account 111's stream
    const event: PublicKeyEvent = {
      schema: KEY_EVENT_SCHEMA, position: 5000, eventId: 'src-1', time: '2026-12-02T00:00:00.000Z', keyId: 'key-1',
      keyArn: 'acs:kms:cn-hangzhou:111:key/key-1', type: 'created', details: {},
    }
    assert.is(await appendPublicEvent(client, new Map(), ADMINS_ONLY, '111', event, 'src-1'), 'appended')
    // when a writer that read nothing of the stream projects it again
    assert.is(await appendPublicEvent(client, new Map(), ADMINS_ONLY, '111', event, 'src-1'), 'already-there')
    // and a writer that believes the stream empty (its view taken before the first append) sends it again: the
    // server answers the same id at the same revision as an idempotent append (a conflict would re-read the tail)
    const stale = new Map([[keyEventStreamOf('111'), { revision: -1, position: 0 }]])
    await appendPublicEvent(client, stale, ADMINS_ONLY, '111', event, 'src-1')
    // then the stream holds it once
    assert.equal((await readAllOf(client, keyEventStreamOf('111'))).map((e) => e.data['eventId']), ['src-1'])
  } finally {
    await client.dispose()
    await double.stop()
  }
})

test.run()
