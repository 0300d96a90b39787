// The double itself, seen through the bare client: the wire answers the adapter's behaviour depends on.
import { EventStoreDBClient, jsonEvent, NO_STREAM, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client'
import { randomUUID } from 'node:crypto'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { startEsdbDouble } from '../../../support/esdb-double/index.ts'

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
      for await (const _ of client.readStream('key-none')) void _
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

test.run()
