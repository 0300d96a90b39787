import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { GENESIS_HASH, sealEvents } from '../../../domain/events/hash-chain.ts'
import type { RecordedEvent } from '../../../domain/kernel/envelope.ts'
import { verifyChains, verifyStream } from '../../../projections/audit/verify.ts'

// `audit verify` (projections/audit/verify.ts) on hand-built chains: for each kind of tampering the report names
// exactly the stream, revision, position, kind and the operator's one-line detail (what `keyledger audit verify`
// prints). Issue 20 item 1: these are what the mutation run of the audit chain found unpinned.

const meta = { principal: 'p', requestId: 'r', occurredAt: '2026-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c' }
/** A sealed stream of `n` events, at global positions from `from`. */
const chain = (streamId: string, n: number, from = 0): RecordedEvent[] =>
  sealEvents(streamId, 0, GENESIS_HASH, Array.from({ length: n }, (_, i) => ({ eventId: `${streamId}-e${i}`, type: 'T', data: { i }, metadata: meta }))).map(
    (e, i) => ({ ...e, streamId, revision: i, position: from + i }),
  )

test('an intact chain has no break; the report counts streams and events, and says whether anchors were given', () => {
  const events = [...chain('a', 3), ...chain('b', 2, 3)]
  assert.equal(verifyChains(events), { streams: 2, events: 5, anchored: false, breaks: [] })
  assert.equal(verifyChains(events, new Map([['a', { revision: 2, hash: events[2]!.metadata.hash }]])).anchored, true)
  assert.is(verifyStream('a', []), undefined)
})

test('altered data: the first event whose content no longer matches its hash', () => {
  const s = chain('a', 3)
  s[1] = { ...s[1]!, data: { i: 99 } }
  assert.equal(verifyStream('a', s), { streamId: 'a', revision: 1, position: 1, kind: 'altered', detail: 'its content no longer matches its hash' })
})

test('a second event with the same revision is "inserted"', () => {
  const s = chain('a', 3)
  assert.equal(verifyStream('a', [s[0]!, s[1]!, s[1]!, s[2]!]), {
    streamId: 'a', revision: 1, position: 1, kind: 'inserted', detail: 'a second event claims revision 1',
  })
})

test('revisions running backwards are "reordered", naming both revisions', () => {
  const s = chain('a', 3)
  assert.equal(verifyStream('a', [s[0]!, s[2]!, s[1]!]), {
    streamId: 'a', revision: 2, position: 2, kind: 'reordered', detail: 'revision 1 comes after 2',
  })
  // the later one first: a gap at the start whose missing revision comes later is a reordering, not a removal
  assert.equal(verifyStream('a', [s[1]!, s[0]!]), { streamId: 'a', revision: 1, position: 1, kind: 'reordered', detail: 'revision 0 comes after 1' })
})

test('mutation-found: a negative revision (a tampered store) is "reordered", first or later, and does not crash audit verify', () => {
  const s = chain('a', 2)
  assert.equal(verifyStream('a', [{ ...s[0]!, revision: -1 }]), { streamId: 'a', revision: -1, position: 0, kind: 'reordered', detail: 'revision -1 comes after -1' })
  assert.equal(verifyStream('a', [s[0]!, { ...s[1]!, revision: -1 }]), { streamId: 'a', revision: -1, position: 1, kind: 'reordered', detail: 'revision -1 comes after 0' })
})

test('a gap is "removed", with the missing range; a gap at the start counts from revision 0', () => {
  const s = chain('a', 5)
  assert.equal(verifyStream('a', [s[0]!, s[3]!, s[4]!]), {
    streamId: 'a', revision: 3, position: 3, kind: 'removed', detail: 'revisions 1..2 are missing before it',
  })
  assert.equal(verifyStream('a', [s[1]!, s[2]!]), { streamId: 'a', revision: 1, position: 1, kind: 'removed', detail: 'revisions 0..0 are missing before it' })
})

test('a prevHash that names no earlier event is "unlinked"; one that skips the event before it marks that event "inserted"', () => {
  const s = chain('a', 3)
  // the first event must link to the genesis hash
  const reSealed = sealEvents('a', 0, 'f'.repeat(64), [{ eventId: 'x', type: 'T', data: {}, metadata: meta }])[0]!
  assert.equal(verifyStream('a', [{ ...reSealed, streamId: 'a', revision: 0, position: 7 }]), {
    streamId: 'a', revision: 0, position: 7, kind: 'unlinked', detail: 'its prevHash does not name the event before it',
  })
  // revision 2 re-sealed to link to revision 0: the event at revision 1 was slipped in between
  const skip = sealEvents('a', 2, s[0]!.metadata.hash, [{ eventId: 'a-e2', type: 'T', data: { i: 2 }, metadata: meta }])[0]!
  assert.equal(verifyStream('a', [s[0]!, s[1]!, { ...skip, streamId: 'a', revision: 2, position: 2 }]), {
    streamId: 'a', revision: 1, position: 1, kind: 'inserted', detail: 'the next event does not link to it',
  })
  // linking to something else entirely is only "unlinked"
  const other = sealEvents('a', 2, 'e'.repeat(64), [{ eventId: 'a-e2', type: 'T', data: { i: 2 }, metadata: meta }])[0]!
  assert.equal(verifyStream('a', [s[0]!, s[1]!, { ...other, streamId: 'a', revision: 2, position: 2 }])?.kind, 'unlinked')
  // revision 1 linking to the genesis hash: the event at revision 0 was slipped in before it
  const first = sealEvents('a', 1, GENESIS_HASH, [{ eventId: 'a-e1', type: 'T', data: { i: 1 }, metadata: meta }])[0]!
  assert.equal(verifyStream('a', [s[0]!, { ...first, streamId: 'a', revision: 1, position: 1 }]), {
    streamId: 'a', revision: 0, position: 0, kind: 'inserted', detail: 'the next event does not link to it',
  })
})

test('with an anchor: a cut-off tail is "truncated" (naming the anchor and the end); a recomputed chain is "altered" at the anchor', () => {
  const s = chain('a', 3)
  assert.equal(verifyStream('a', s.slice(0, 2), { revision: 2, hash: s[2]!.metadata.hash }), {
    streamId: 'a', revision: 2, position: null, kind: 'truncated', detail: 'the anchor saw revision 2; the store ends at 1',
  })
  assert.equal(verifyStream('a', [], { revision: 0, hash: s[0]!.metadata.hash }), {
    streamId: 'a', revision: 0, position: null, kind: 'truncated', detail: 'the anchor saw revision 0; the store ends at -1',
  })
  assert.equal(verifyStream('a', s, { revision: 1, hash: 'f'.repeat(64) }), {
    streamId: 'a', revision: 1, position: 1, kind: 'altered', detail: 'the chain was recomputed: its hash differs from the anchor',
  })
  // an anchor at the stream's end, with its hash: intact
  assert.is(verifyStream('a', s, { revision: 2, hash: s[2]!.metadata.hash }), undefined)
  assert.is(verifyStream('a', s, { revision: 1, hash: s[1]!.metadata.hash }), undefined)
})

test('an anchored stream the store does not have is "missing-stream"; each broken stream is reported once, intact ones not', () => {
  const a = chain('a', 2)
  const b = chain('b', 2, 2)
  const brokenB = [b[0]!, { ...b[1]!, data: { i: 7 } }]
  const r = verifyChains([...a, ...brokenB], new Map([['gone', { revision: 4, hash: 'x' }], ['a', { revision: 1, hash: a[1]!.metadata.hash }]]))
  assert.equal(r.breaks, [
    { streamId: 'b', revision: 1, position: 3, kind: 'altered', detail: 'its content no longer matches its hash' },
    { streamId: 'gone', revision: 0, position: null, kind: 'missing-stream', detail: 'the anchor saw 5 events; the store has none' },
  ])
  // events of two streams interleaved in global order are grouped per stream
  assert.equal(verifyChains([a[0]!, b[0]!, a[1]!, b[1]!]).breaks, [])
})

test.run()
