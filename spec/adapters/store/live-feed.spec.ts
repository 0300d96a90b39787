import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import type { ReadAllOptions } from '../../../domain/ports/event-store.ts'
import { eventually, newEvents } from '../../support/store-events.ts'

// Issue 11: a subscription to some prefixes (the scheduler's due-keys feed: `key-`) reread, on every commit, the
// whole tail of other streams' events it had filtered out (each call's usage record), so its cost grew with the store.

test('given a prefix subscription, when other streams grow, then each read starts after what it already scanned', async () => {
  const store = new MemoryEventStore()
  const reads: number[] = []
  const readAll = store.readAll.bind(store)
  store.readAll = (o?: ReadAllOptions) => {
    if (o?.streamPrefixes?.length) reads.push(o.after ?? 0)
    return readAll(o)
  }
  const seen: string[] = []
  const sub = store.subscribeAll({ streamPrefixes: ['key-'] }, (e) => void seen.push(e.streamId))
  await store.append('key-a', 'no_stream', newEvents(1))
  await eventually(() => seen.join() === 'key-a')
  for (let i = 0; i < 5; i++) {
    const before = reads.length
    await store.append('keyusage-key-a', 'any', newEvents(10))
    await eventually(() => reads.length > before, 2000, 'the subscription to look at the new commit')
  }
  await store.append('key-b', 'no_stream', newEvents(1))
  await eventually(() => seen.join() === 'key-a,key-b')
  assert.ok(reads.at(-1)! >= 50, `the last read started at ${reads.at(-1)}, not after the 50 usage events it had scanned`)
  await sub.stop()
  await store.close()
})

test.run()
