import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import type { NewEvent } from '../../../domain/kernel/envelope.ts'
import type { EventStore } from '../../../domain/ports/event-store.ts'
import { PositionTrackingStore } from '../../../adapters/readstore/position-tracking-store.ts'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import { newEvent } from '../../support/store-events.ts'

// Read-your-writes (docs/architecture.md §6): a request's answer waits for the read models to pass the highest
// position its appends reached. Issue 11: the appends are found by the request id their events carry, without an
// AsyncLocalStorage (promise hooks on every promise in Node 20).

const under = (requestId: string): NewEvent => {
  const e = newEvent('KeyDescriptionChanged')
  return { ...e, metadata: { ...e.metadata, requestId } }
}

const position = async (r: ReturnType<EventStore['append']>): Promise<number> => {
  const a = await r
  if (E.isLeft(a)) throw new Error('append refused')
  return a.right.position
}

test('given a request that appends to two streams, then track returns the higher position', async () => {
  const store = new PositionTrackingStore(new MemoryEventStore())
  await store.append('key-0', 'any', [under('other')])
  const { value, position: reached } = await store.track('req-1', async () => {
    await store.append('key-1', 'any', [under('req-1')])
    return position(store.append('alias-a', 'any', [under('req-1')]))
  })
  assert.is(reached, value)
  assert.is(reached, 3)
})

test('given concurrent requests, then each sees only its own appends; usage streams and other requests do not count', async () => {
  const store = new PositionTrackingStore(new MemoryEventStore())
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  const first = store.track('req-a', async () => {
    await store.append('key-a', 'any', [under('req-a')])
    await held
    await store.append('keyusage-a', 'any', [under('req-a')]) // a usage record: not waited for
  })
  const second = await store.track('req-b', async () => {
    await store.append('key-b', 'any', [under('req-b')])
    await store.append('key-c', 'any', [under('someone-else')])
  })
  release()
  assert.is((await first).position, 1)
  assert.is(second.position, 2)
})

test('given a request that appends nothing it tracks, then position 0 (no wait); its id is forgotten after', async () => {
  const store = new PositionTrackingStore(new MemoryEventStore())
  const { position: reached } = await store.track('req-1', async () => {
    await store.append('keyusage-1', 'any', [under('req-1')])
  })
  assert.is(reached, 0)
  await store.append('key-1', 'any', [under('req-1')])
  assert.is((await store.track('req-1', async () => undefined)).position, 0, 'an append after the request ended is not its')
})

test('given two calls under one request id (an embedding caller may reuse one), then both see the appends of both', async () => {
  const store = new PositionTrackingStore(new MemoryEventStore())
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  const first = store.track('same', async () => {
    await held
  })
  const second = await store.track('same', async () => {
    await store.append('key-1', 'any', [under('same')])
  })
  release()
  assert.is(second.position, 1)
  assert.is((await first).position, 1)
})

test.run()
