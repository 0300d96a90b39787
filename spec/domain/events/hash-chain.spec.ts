import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { canonicalJson, hashEvent, sealEvents, type Hashable } from '../../../domain/events/hash-chain.ts'
import type { NewEvent } from '../../../domain/kernel/envelope.ts'

// issue 11: hashEvent and sealEvents build the canonical JSON without the copies of a literal reading (the hot path
// of every append). The bytes must stay those of the definition in docs/audit-format.md §1, for any content: the
// literal reading is written out here and compared on generated events, odd ones included.

const literalHash = (e: Hashable): string => {
  const { hash: _ignored, ...metadata } = e.metadata
  return createHash('sha256').update(canonicalJson({ streamId: e.streamId, revision: e.revision, eventId: e.eventId, type: e.type, data: e.data, metadata })).digest('hex')
}

const literalSeal = (streamId: string, first: number, prevHash: string, events: readonly NewEvent[]) => {
  let prev = prevHash
  return events.map((e, i) => {
    const unsealed = { ...e, streamId, revision: first + i, metadata: { ...e.metadata, prevHash: prev } }
    const hash = literalHash(unsealed)
    prev = hash
    return { eventId: e.eventId, type: e.type, data: e.data, metadata: { ...e.metadata, prevHash: unsealed.metadata.prevHash, hash } }
  })
}

// Keys that JSON and objects treat specially (integer-like, __proto__, hash, prevHash), values that JSON drops.
const key = fc.oneof(fc.string(), fc.constantFrom('hash', 'prevHash', '0', '10', '9', '__proto__', 'a', 'Z', 'é', '\ud800'))
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
  node: fc.oneof({ maxDepth: 3 }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 5 })),
})).node
const metadata = fc.dictionary(key, value, { maxKeys: 8 })
const event = fc.record({ eventId: fc.string(), type: fc.string(), data: value, metadata })

test('given any event content, hashEvent gives the hash of the literal definition (docs/audit-format.md §1)', () => {
  fc.assert(fc.property(fc.string(), fc.nat(), event, (streamId, revision, e) => {
    const h = { streamId, revision, ...e } as unknown as Hashable
    assert.is(hashEvent(h), literalHash(h))
  }), { numRuns: 2000 })
})

test('given any events, sealEvents links and hashes them as the literal definition does', () => {
  fc.assert(fc.property(fc.string(), fc.nat(), fc.array(event, { maxLength: 4 }), (streamId, first, events) => {
    const sealed = sealEvents(streamId, first, '0'.repeat(64), events as unknown as NewEvent[])
    assert.equal(sealed, literalSeal(streamId, first, '0'.repeat(64), events as unknown as NewEvent[]))
  }), { numRuns: 1000 })
})

test('metadata that is not a record (a stored file is anyone\'s) hashes, or fails, as the literal definition does', () => {
  for (const m of [[1, 2], 'text', null, undefined, 7] as unknown[]) {
    const h = { streamId: 's', revision: 0, eventId: 'e', type: 't', data: {}, metadata: m } as unknown as Hashable
    let literal: string | Error
    try {
      literal = literalHash(h)
    } catch (e) {
      literal = e as Error
    }
    if (literal instanceof Error) assert.throws(() => hashEvent(h))
    else assert.is(hashEvent(h), literal)
    const sealed = sealEvents('s', 0, 'p', [{ eventId: 'e', type: 't', data: {}, metadata: m } as unknown as NewEvent])
    assert.equal(sealed, literalSeal('s', 0, 'p', [{ eventId: 'e', type: 't', data: {}, metadata: m } as unknown as NewEvent]))
  }
})

test.run()
