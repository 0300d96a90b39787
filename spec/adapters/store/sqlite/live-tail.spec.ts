import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { SqliteEventStore } from '../../../../adapters/store/sqlite/index.ts'
import type { RecordedEvent } from '../../../../domain/kernel/envelope.ts'
import type { ReadAllOptions } from '../../../../domain/ports/event-store.ts'
import { eventually, newEvents } from '../../../support/store-events.ts'

// Issue 11 (docs/architecture.md §8): after every commit the live feed read back from the file the events this
// process had just written (the read models' subscription: every call's usage record). The writer thread now hands
// the inserted rows back with its commit, and subscribers take them from memory; what other processes sharing the
// file commit still comes from the file.

const countingReads = (store: SqliteEventStore): number[] => {
  const reads: number[] = []
  const readAll = store.readAll.bind(store)
  store.readAll = (o?: ReadAllOptions) => {
    reads.push(o?.after ?? 0)
    return readAll(o)
  }
  return reads
}

test('given a subscriber, when this process appends, then it gets the events as a read returns them, without reading them back', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'kl-tail-')), 'events.db')
  const store = await SqliteEventStore.open(path, { pollIntervalMs: 60_000 })
  await store.append('key-a', 'no_stream', newEvents(1))
  const seen: RecordedEvent[] = []
  const sub = store.subscribeAll({}, (e) => void seen.push(e))
  await eventually(() => seen.length === 1)
  const reads = countingReads(store)
  for (let i = 0; i < 5; i++) await store.append(`keyusage-key-a-${i}`, 'any', newEvents(3))
  await eventually(() => seen.length === 16)
  assert.equal(reads, [], 'the subscriber read the store for events this process had just committed')
  assert.equal(seen, await store.readAll(), 'what the subscriber got is not what a read returns')
  await sub.stop()
  await store.close()
})

test('given a second process appending to the same file, when this process appends after it, then a subscriber misses nothing', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'kl-tail-')), 'events.db')
  const store = await SqliteEventStore.open(path, { pollIntervalMs: 60_000 })
  const other = await SqliteEventStore.open(path)
  await store.append('key-a', 'no_stream', newEvents(1))
  const seen: RecordedEvent[] = []
  const prefixed: string[] = []
  const sub = store.subscribeAll({}, (e) => void seen.push(e))
  const keys = store.subscribeAll({ streamPrefixes: ['key-'] }, (e) => void prefixed.push(e.streamId))
  await eventually(() => seen.length === 1 && prefixed.length === 1)
  await other.append('key-b', 'no_stream', newEvents(2)) // no local notification: the poll is a minute away
  await store.append('key-c', 'no_stream', newEvents(2)) // its rows follow key-b's: not contiguous with what the feed had
  await eventually(() => seen.length === 5, 2000, 'the subscriber to read key-b from the file')
  assert.equal(seen.map((e) => e.streamId), ['key-a', 'key-b', 'key-b', 'key-c', 'key-c'])
  await eventually(() => prefixed.length === 5, 2000, 'the prefix subscriber to read key-b from the file')
  await store.append('keyusage-key-c', 'any', newEvents(2))
  await store.append('key-d', 'no_stream', newEvents(1))
  await eventually(() => seen.length === 8 && prefixed.length === 6)
  assert.equal(prefixed, ['key-a', 'key-b', 'key-b', 'key-c', 'key-c', 'key-d'])
  assert.equal(seen, await store.readAll())
  await sub.stop()
  await keys.stop()
  await other.close()
  await store.close()
})

test.run()
