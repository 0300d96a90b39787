import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import { DuplicateEventId } from '../../../adapters/store/shared.ts'
import { eventually, newEvent, newEvents } from '../../support/store-events.ts'
import { eventStoreContract } from './contract.ts'

eventStoreContract('memory', async () => {
  const store = new MemoryEventStore()
  return { store, cleanup: () => store.close() }
}, { durable: false })

test('a failed subscription is reported, not swallowed', async () => {
  const reported: unknown[] = []
  const store = new MemoryEventStore({ onSubscriptionError: (e) => void reported.push(e) })
  await store.append('key-1', 'no_stream', newEvents(1))
  store.subscribeAll({}, () => {
    throw new Error('projection failed')
  })
  await eventually(() => reported.length === 1, 1000, 'the report')
  assert.is((reported[0] as Error).message, 'projection failed')
  await store.close()
})

test('like the SQLite store, an event id is unique in the whole store', async () => {
  const store = new MemoryEventStore()
  const e = newEvent()
  await store.append('key-1', 'no_stream', [e])
  const r = await store.append('key-2', 'no_stream', [e]).then(() => undefined, (err: unknown) => err)
  assert.instance(r, DuplicateEventId)
  assert.equal(await store.readStream('key-2'), [])
  await store.close()
})

test('a stored event cannot be changed through the object that was appended or read', async () => {
  const store = new MemoryEventStore()
  const e = newEvent('TestHappened', { n: 1 })
  await store.append('key-1', 'no_stream', [e])
  ;(e.data as { n: number }).n = 2
  const [read] = await store.readStream('key-1')
  assert.equal(read!.data, { n: 1 })
  assert.throws(() => ((read!.data as { n: number }).n = 3))
  await store.close()
})

test.run()
