import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { randomIds, timeOrderedUuid } from '../../adapters/ids.ts'

// Event ids are time-ordered UUIDs (version 7, RFC 9562 §5.7), so the event store's unique index on them grows at
// its right edge instead of at a random page (issue #11 "flat": Encrypt on a key with a long history).

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

test('given the server\'s id generator, when it makes event ids, then each is a version-7 UUID carrying the time', () => {
  const before = Date.now()
  const id = randomIds.eventId()
  const after = Date.now()
  assert.match(id, UUID_V7)
  const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16)
  assert.ok(ms >= before && ms <= after, `${ms} within [${before}, ${after}]`)
})

test('given ids made at later milliseconds, when sorted as text (as the index sorts them), then they keep time order', () => {
  const t0 = Date.parse('2026-12-02T05:00:00Z')
  const ids = Array.from({ length: 1000 }, (_, i) => timeOrderedUuid(t0 + i * 7))
  assert.equal([...ids].sort(), ids)
  assert.is(new Set(Array.from({ length: 10_000 }, () => timeOrderedUuid(t0))).size, 10_000, 'ids of one millisecond still differ')
})

test('request ids stay random (version 4): they are the API\'s, not the index\'s', () => {
  assert.match(randomIds.requestId(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
})

test.run()
