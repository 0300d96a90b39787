import type { KeyObject } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { Checkpoint } from '../../domain/audit/checkpoint.ts'
import { entryLeafHash, entryOf } from '../../domain/audit/leaf.ts'
import { inclusionPath, verifyInclusion, type RangeHash } from '../../domain/audit/merkle.ts'
import { SealedMetadata, type RecordedEvent } from '../../domain/kernel/envelope.ts'
import { GENESIS_HASH, hashEvent } from '../../domain/events/hash-chain.ts'

// Proof files (docs/verifiable-log.md "Proofs"): a signed checkpoint and events, each with its leaf index and
// RFC 9162 inclusion path. `audit prove KEY` writes every event of the key; `audit state --prove` the key
// stream up to an instant and the event after it (the boundary). Everything needed to check is inside, so
// `audit verify-proof FILE --public-key PEM` runs without the data dir. JSON, hashes in Base64.

export const PROOF_FORMAT = 'keyledger-audit-proof/v1'

const Recorded = t.type({
  streamId: t.string, revision: t.number, position: t.number, eventId: t.string, type: t.string, data: t.unknown, metadata: SealedMetadata,
})
const Proven = t.type({ leafIndex: t.number, event: Recorded, inclusion: t.array(t.string) })
export const ProofBundle = t.intersection([
  t.type({ format: t.literal(PROOF_FORMAT), keyId: t.string, checkpoint: t.string, events: t.array(Proven) }),
  t.partial({ state: t.type({ at: t.string, streamId: t.string, boundary: t.union([Proven, t.null]) }) }),
])
export type ProofBundle = t.TypeOf<typeof ProofBundle>
export type ProvenEvent = t.TypeOf<typeof Proven>

/** Inclusion paths for `events` in the tree's first `size` leaves; events the tree does not hold yet are refused. */
export const proveEvents = (
  events: readonly RecordedEvent[], size: number, range: RangeHash, leafIndexOf: (position: number) => number | undefined,
): E.Either<string, ProvenEvent[]> => {
  const out: ProvenEvent[] = []
  // The paths of a key's events share most of their upper siblings (and every path ends in the same right-edge
  // subtrees): each subtree hash is read or computed once per call, not once per event.
  const known = new Map<string, Buffer>()
  const shared: RangeHash = (lo, hi) => {
    const id = `${lo}:${hi}`
    let h = known.get(id)
    if (h === undefined) known.set(id, (h = range(lo, hi)))
    return h
  }
  for (const e of events) {
    const i = leafIndexOf(e.position)
    if (i === undefined || i >= size) return E.left(`${e.streamId}@${e.revision} (position ${e.position}) is not in the checkpoint of ${size} events`)
    out.push({ leafIndex: i, event: e, inclusion: inclusionPath(i, size, shared).map((h) => h.toString('base64')) })
  }
  return E.right(out)
}

export interface VerifiedBundle {
  readonly checkpoint: Checkpoint
  readonly events: readonly RecordedEvent[]
  /** Per stream: revisions 0..last, each linked to the one before. */
  readonly streams: ReadonlyMap<string, number>
}

type OpenCheckpoint = (note: string, publicKey: KeyObject) => E.Either<string, Checkpoint>

/**
 * Checks a proof file: the checkpoint's signature, each event's own hash (recomputed from its content), its
 * inclusion under the signed root, and that each stream's events run from revision 0 without a gap, each
 * naming the one before (so none was left out between them).
 */
export const verifyBundle = (b: ProofBundle, publicKey: KeyObject, open: OpenCheckpoint): E.Either<string, VerifiedBundle> => {
  const cp = open(b.checkpoint, publicKey)
  if (E.isLeft(cp)) return cp
  const { size, root } = cp.right
  const all = b.state?.boundary ? [...b.events, b.state.boundary] : b.events
  for (const p of all) {
    const e = p.event as RecordedEvent
    const where = `${e.streamId}@${e.revision} (position ${e.position})`
    if (hashEvent(e) !== e.metadata.hash) return E.left(`${where}: its content does not match its hash`)
    if (!verifyInclusion(p.leafIndex, size, entryLeafHash(entryOf(e)), p.inclusion.map((h) => Buffer.from(h, 'base64')), root))
      return E.left(`${where}: not included in the signed checkpoint (leaf ${p.leafIndex} of ${size})`)
  }
  const streams = new Map<string, number>()
  const lastHash = new Map<string, string>()
  for (const p of [...b.events].sort((x, y) => x.event.revision - y.event.revision)) {
    const e = p.event
    const expected = (streams.get(e.streamId) ?? -1) + 1
    if (e.revision !== expected) return E.left(`${e.streamId}: revision ${expected} is missing from the proof`)
    if (e.metadata.prevHash !== (lastHash.get(e.streamId) ?? GENESIS_HASH)) return E.left(`${e.streamId}@${e.revision} does not link to the event before it`)
    streams.set(e.streamId, e.revision)
    lastHash.set(e.streamId, e.metadata.hash)
  }
  if (b.state?.boundary) {
    const e = b.state.boundary.event
    if (e.streamId !== b.state.streamId || e.revision !== (streams.get(e.streamId) ?? -1) + 1 || e.metadata.prevHash !== (lastHash.get(e.streamId) ?? GENESIS_HASH))
      return E.left('the boundary event is not the one right after the proven events')
  }
  return E.right({ checkpoint: cp.right, events: b.events.map((p) => p.event as RecordedEvent), streams })
}
