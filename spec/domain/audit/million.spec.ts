import { performance } from 'node:perf_hooks'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { entryLeafHash } from '../../../domain/audit/leaf.ts'
import { consistencyPath, inclusionPath, memoryRange, rootOfRange, verifyConsistency, verifyInclusion } from '../../../domain/audit/merkle.ts'

// Deliverable 6: a proof for a 1,000,000-event log is O(log n) hashes and checks in milliseconds. The tree is
// built in memory from leaf entries shaped like the store's (domain/audit/leaf.ts); the time bound is only a
// generous sanity check (benchmarks live in `npm run bench`), the sizes are exact.

const N = 1_000_000
const leaves = Array.from({ length: N }, (_, i) => entryLeafHash({ position: i + 1, streamId: `key-${i % 5000}`, revision: Math.floor(i / 5000), hash: (i % 16).toString(16).repeat(64) }))
const range = memoryRange(leaves)
const root = rootOfRange(range, N)
const LOG2 = Math.ceil(Math.log2(N)) // 20

test('inclusion proofs in a 1,000,000-leaf tree hold at most ⌈log2 n⌉ = 20 hashes and each checks in well under a millisecond budget', () => {
  const indexes = [0, 1, 524_287, 524_288, 999_998, 999_999, 123_456, 777_777]
  const proofs = indexes.map((i) => ({ i, path: inclusionPath(i, N, range) }))
  for (const { i, path } of proofs) assert.ok(path.length <= LOG2 && path.length > 0, `leaf ${i}: ${path.length} hashes`)
  assert.is(proofs[0]!.path.length, LOG2, 'a leaf of the left, complete part of the tree has exactly 20')
  const t0 = performance.now()
  for (let round = 0; round < 100; round++) for (const { i, path } of proofs) assert.ok(verifyInclusion(i, N, leaves[i]!, path, root))
  const perCheck = (performance.now() - t0) / (100 * proofs.length)
  assert.ok(perCheck < 50, `one check took ${perCheck.toFixed(3)} ms`)
  assert.not.ok(verifyInclusion(5, N, leaves[6]!, proofs[0]!.path, root))
})

test('consistency proofs from any earlier size to 1,000,000 hold O(log n) hashes and check', () => {
  const proofs = [1, 2, 3, 1000, 524_288, 524_289, 999_999].map((m) => ({ m, path: consistencyPath(m, N, range), old: rootOfRange(range, m) }))
  for (const { m, path, old } of proofs) {
    assert.ok(path.length <= 2 * LOG2, `${m} → ${N}: ${path.length} hashes`)
    assert.ok(verifyConsistency(m, N, old, root, path), `${m} → ${N}`)
    if (path.length) assert.not.ok(verifyConsistency(m, N, old, root, path.slice(1)))
  }
  // The time bound is an average over many checks, as above: one timed call failed under a load average of 15
  // (a scheduling pause is not the proof's cost).
  const t0 = performance.now()
  for (let round = 0; round < 100; round++) for (const { m, path, old } of proofs) verifyConsistency(m, N, old, root, path)
  const perCheck = (performance.now() - t0) / (100 * proofs.length)
  assert.ok(perCheck < 50, `one check took ${perCheck.toFixed(3)} ms`)
})

test.run()
