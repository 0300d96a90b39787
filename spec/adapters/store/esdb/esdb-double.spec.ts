// The double itself, seen through the bare client: the wire answers the adapter's behaviour depends on.
import { ANY, EventStoreDBClient, jsonEvent, NO_STREAM, START, StreamDeletedError, StreamNotFoundError, type StreamSubscription, WrongExpectedVersionError } from '@eventstore/db-client'
import { randomUUID } from 'node:crypto'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { startEsdbDouble } from '../../../support/esdb-double/index.ts'
import { waitFor } from '../../../support/esdb-targets.ts'

for (const batchAppend of [true, false]) {
  const path = batchAppend ? 'BatchAppend' : 'Append'
  test(`${path}: a wrong expected revision is a WrongExpectedVersionError with stream, expected and actual`, async () => {
    const double = await startEsdbDouble({ batchAppend })
    const client = EventStoreDBClient.connectionString(double.connectionString)
    try {
      await client.appendToStream('key-w', [jsonEvent({ type: 'KeyCreated', data: {} })], { expectedRevision: NO_STREAM })
      const err = await client.appendToStream('key-w', [jsonEvent({ type: 'KeyCreated', data: {} })], { expectedRevision: 4n }).catch((e) => e)
      assert.instance(err, WrongExpectedVersionError)
      assert.is(err.streamName, 'key-w')
      assert.is(err.expectedVersion, 4n)
      assert.is(err.actualVersion, 0n)
    } finally {
      await client.dispose()
      await double.stop()
    }
  })

  test(`${path}: re-sending the same event ids at the same expected revision writes nothing (ESDB idempotence)`, async () => {
    const double = await startEsdbDouble({ batchAppend })
    const client = EventStoreDBClient.connectionString(double.connectionString)
    try {
      const events = [jsonEvent({ id: randomUUID(), type: 'KeyCreated', data: {} }), jsonEvent({ id: randomUUID(), type: 'KeyEnabled', data: {} })]
      const a = await client.appendToStream('key-i', events, { expectedRevision: NO_STREAM })
      const b = await client.appendToStream('key-i', events, { expectedRevision: NO_STREAM })
      assert.is(b.nextExpectedRevision, a.nextExpectedRevision)
      assert.is(double.log.stream('key-i')?.length, 2)
    } finally {
      await client.dispose()
      await double.stop()
    }
  })
}

test('reading a missing stream raises StreamNotFoundError (a StreamNotFound message on the wire)', async () => {
  const double = await startEsdbDouble()
  const client = EventStoreDBClient.connectionString(double.connectionString)
  try {
    const err = await (async () => {
      for await (const _ of client.readStream('key-none')) { /* drained */ }
    })().catch((e) => e)
    assert.instance(err, StreamNotFoundError)
    assert.is(err.streamName, 'key-none')
  } finally {
    await client.dispose()
    await double.stop()
  }
})

test('esdb+discover:// goes through Gossip.Read to the double as leader', async () => {
  const double = await startEsdbDouble()
  const client = EventStoreDBClient.connectionString(`esdb+discover://${double.host}:${double.port}?tls=false`)
  try {
    await client.appendToStream('key-g', [jsonEvent({ type: 'KeyCreated', data: {} })])
    assert.is(double.log.stream('key-g')?.length, 1)
  } finally {
    await client.dispose()
    await double.stop()
  }
})

const readAllOf = async (client: EventStoreDBClient, stream: string) => {
  const out: bigint[] = []
  for await (const r of client.readStream(stream)) out.push(r.event!.revision)
  return out
}

for (const batchAppend of [true, false]) {
  const path = batchAppend ? 'BatchAppend' : 'Append'
  test(`${path}: tombstone removes the stream's events from the log at once (a scavenge, modelled); reads and appends then raise StreamDeletedError`, async () => {
    const double = await startEsdbDouble({ batchAppend })
    const client = EventStoreDBClient.connectionString(double.connectionString)
    try {
      const secret = randomUUID()
      await client.appendToStream('vault-t', [jsonEvent({ type: 'MaterialWrapped', data: { secret } }), jsonEvent({ type: 'MaterialWrapped', data: { secret } })])
      await client.appendToStream('key-t', [jsonEvent({ type: 'KeyCreated', data: {} })])
      await client.tombstoneStream('vault-t')
      assert.not.ok(double.log.records.some((r) => Buffer.from(r.data).includes(secret)), 'the bytes are gone from the log')
      assert.ok(double.log.records.some((r) => r.streamId === 'key-t'), 'other streams stay')
      const read = await readAllOf(client, 'vault-t').catch((e) => e)
      assert.instance(read, StreamDeletedError)
      assert.is(read.streamName, 'vault-t')
      const append = await client.appendToStream('vault-t', [jsonEvent({ type: 'X', data: {} })]).catch((e) => e)
      assert.instance(append, StreamDeletedError)
      assert.instance(await client.tombstoneStream('vault-t').catch((e) => e), StreamDeletedError)
    } finally {
      await client.dispose()
      await double.stop()
    }
  })
}

test('soft delete removes the events, reads say StreamNotFound; a later append recreates the stream and continues the numbering', async () => {
  const double = await startEsdbDouble()
  const client = EventStoreDBClient.connectionString(double.connectionString)
  try {
    await client.appendToStream('vault-s.imported', [jsonEvent({ type: 'A', data: {} }), jsonEvent({ type: 'B', data: {} })])
    await client.deleteStream('vault-s.imported', { expectedRevision: ANY })
    assert.not.ok(double.log.records.some((r) => r.streamId === 'vault-s.imported'))
    assert.instance(await readAllOf(client, 'vault-s.imported').catch((e) => e), StreamNotFoundError)
    await client.appendToStream('vault-s.imported', [jsonEvent({ type: 'C', data: {} })], { expectedRevision: NO_STREAM })
    assert.equal(await readAllOf(client, 'vault-s.imported'), [2n])
  } finally {
    await client.dispose()
    await double.stop()
  }
})

test('delete with a wrong expected revision is a WrongExpectedVersionError (gRPC trailers) and removes nothing', async () => {
  const double = await startEsdbDouble()
  const client = EventStoreDBClient.connectionString(double.connectionString)
  try {
    await client.appendToStream('vault-w', [jsonEvent({ type: 'A', data: {} })])
    const err = await client.tombstoneStream('vault-w', { expectedRevision: 5n }).catch((e) => e)
    assert.instance(err, WrongExpectedVersionError)
    assert.is(err.streamName, 'vault-w')
    assert.is(err.expectedVersion, 5n)
    assert.is(err.actualVersion, 0n)
    assert.equal(await readAllOf(client, 'vault-w'), [0n])
  } finally {
    await client.dispose()
    await double.stop()
  }
})

test('subscribeToStream: catch-up from the start or after a revision (exclusive), then live; a stream that does not exist yet is waited for; other streams are not delivered', async () => {
  const double = await startEsdbDouble()
  const client = EventStoreDBClient.connectionString(double.connectionString)
  const subs: StreamSubscription[] = []
  const follow = (stream: string, fromRevision: typeof START | bigint) => {
    const types: string[] = []
    const sub = client.subscribeToStream(stream, { fromRevision })
    sub.on('data', (r) => {
      if (r.event) types.push(r.event.type)
    })
    subs.push(sub)
    return types
  }
  try {
    // given a stream with two events, and a subscription to a stream not written yet
    await client.appendToStream('feed-s', [jsonEvent({ type: 'A', data: {} }), jsonEvent({ type: 'B', data: {} })])
    const fromStart = follow('feed-s', START)
    const afterFirst = follow('feed-s', 0n)
    const notYet = follow('feed-later', START)
    // when both streams and a third are appended to
    await new Promise((r) => setTimeout(r, 100))
    await client.appendToStream('feed-s', [jsonEvent({ type: 'C', data: {} })])
    await client.appendToStream('feed-other', [jsonEvent({ type: 'X', data: {} })])
    await client.appendToStream('feed-later', [jsonEvent({ type: 'L', data: {} })])
    await waitFor('live events', () => fromStart.length === 3 && afterFirst.length === 2 && notYet.length === 1)
    await new Promise((r) => setTimeout(r, 100))
    // then each got its stream's events only, in order, from where it asked
    assert.equal(fromStart, ['A', 'B', 'C'])
    assert.equal(afterFirst, ['B', 'C'])
    assert.equal(notYet, ['L'])
  } finally {
    for (const s of subs) await s.unsubscribe()
    await client.dispose()
    await double.stop()
  }
})

test.run()
