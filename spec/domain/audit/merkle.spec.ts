import { readFileSync } from 'node:fs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  consistencyPath, EMPTY_ROOT, inclusionPath, leafHash, rangeFromNodes, rootOf, verifyConsistency, verifyInclusion, type Hash,
} from '../../../domain/audit/merkle.ts'

// RFC 9162 §2.1 (domain/audit/merkle.ts) against the reference vectors of transparency-dev/merkle
// (spec/vectors/merkle), then every proof of every small tree generated and checked, and the corruptions a
// verifier must refuse.

interface Vectors {
  leaves: string[]
  roots: string[]
  inclusion: { leaf: number; size: number; path: string[] }[]
  consistency: { size1: number; size2: number; path: string[] }[]
}
const v = JSON.parse(readFileSync(new URL('../../vectors/merkle/rfc9162.json', import.meta.url), 'utf8')) as Vectors
const hex = (h: Hash) => h.toString('hex')
const leaves = v.leaves.map((l) => leafHash(Buffer.from(l, 'hex')))
const rangeOver = (ls: Hash[]) => (lo: number, hi: number) => rootOf(ls.slice(lo, hi))

test('given the reference leaves, the root of every prefix is the RFC 9162 known answer', () => {
  for (let n = 1; n <= 8; n++) assert.is(hex(rootOf(leaves.slice(0, n))), v.roots[n - 1], `size ${n}`)
  assert.is(hex(EMPTY_ROOT), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'MTH({}) is SHA-256 of nothing')
})

test('inclusion proofs: generated paths are the known answers, and they verify', () => {
  for (const c of v.inclusion) {
    const ls = leaves.slice(0, c.size)
    const path = inclusionPath(c.leaf - 1, c.size, rangeOver(ls))
    assert.equal(path.map(hex), c.path, `leaf ${c.leaf} of ${c.size}`)
    assert.ok(verifyInclusion(c.leaf - 1, c.size, leaves[c.leaf - 1]!, path, Buffer.from(v.roots[c.size - 1]!, 'hex')))
  }
})

test('consistency proofs: generated paths are the known answers, and they verify', () => {
  for (const c of v.consistency) {
    const path = consistencyPath(c.size1, c.size2, rangeOver(leaves.slice(0, c.size2)))
    assert.equal(path.map(hex), c.path, `${c.size1} → ${c.size2}`)
    assert.ok(verifyConsistency(c.size1, c.size2, Buffer.from(v.roots[c.size1 - 1]!, 'hex'), Buffer.from(v.roots[c.size2 - 1]!, 'hex'), path))
  }
})

const many = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from(`entry ${i}`)))

test('every inclusion and consistency proof of trees up to 40 leaves verifies, and a proof from stored subtrees is the same', () => {
  // complete subtrees as a stored tree keeps them: level l, index i covers [i·2^l, (i+1)·2^l)
  const node = (level: number, index: number) => rootOf(many.slice(index * 2 ** level, (index + 1) * 2 ** level))
  for (let n = 1; n <= many.length; n++) {
    const ls = many.slice(0, n)
    const root = rootOf(ls)
    const stored = rangeFromNodes(node)
    for (let i = 0; i < n; i++) {
      const path = inclusionPath(i, n, rangeOver(ls))
      assert.equal(inclusionPath(i, n, stored).map(hex), path.map(hex))
      assert.ok(verifyInclusion(i, n, ls[i]!, path, root), `leaf ${i} of ${n}`)
      assert.not.ok(verifyInclusion(i, n, many[(i + 1) % many.length]!, path, root), 'another leaf')
      if (n > 1) assert.not.ok(verifyInclusion((i + 1) % n, n, ls[i]!, path, root), 'another index')
    }
    for (let m = 1; m <= n; m++) {
      const path = consistencyPath(m, n, stored)
      assert.equal(path.map(hex), consistencyPath(m, n, rangeOver(ls)).map(hex))
      assert.ok(verifyConsistency(m, n, rootOf(many.slice(0, m)), root, path), `${m} → ${n}`)
    }
  }
})

test('a verifier refuses corrupted proofs: a flipped bit, a dropped or extra hash, wrong sizes, swapped roots', () => {
  const n = 13
  const ls = many.slice(0, n)
  const root = rootOf(ls)
  const range = rangeOver(ls)
  for (const i of [0, 5, 12]) {
    const path = inclusionPath(i, n, range)
    const flipped = path.map((h, j) => (j === 1 ? Buffer.from(h.map((b, k) => (k === 0 ? b ^ 8 : b))) : h))
    assert.not.ok(verifyInclusion(i, n, ls[i]!, flipped, root), 'flipped bit')
    assert.not.ok(verifyInclusion(i, n, ls[i]!, path.slice(0, -1), root), 'dropped hash')
    assert.not.ok(verifyInclusion(i, n, ls[i]!, [...path, root], root), 'trailing hash')
    assert.not.ok(verifyInclusion(i, n * 2, ls[i]!, path, root), 'wrong size')
    assert.not.ok(verifyInclusion(i, n, ls[i]!, path, EMPTY_ROOT), 'wrong root')
  }
  for (const m of [1, 4, 6, 12]) {
    const r1 = rootOf(many.slice(0, m))
    const path = consistencyPath(m, n, range)
    assert.not.ok(verifyConsistency(m, n, root, r1, path), 'swapped roots')
    assert.not.ok(verifyConsistency(m, n, r1, root, []), 'empty proof')
    assert.not.ok(verifyConsistency(m, n, r1, root, path.slice(0, -1)), 'truncated proof')
    assert.not.ok(verifyConsistency(m, n, r1, root, [path[0]!, ...path]), 'preceding hash')
    assert.not.ok(verifyConsistency(m + 1, n, r1, root, path), 'wrong first size')
    assert.not.ok(verifyConsistency(m, n, r1, root, path.map((h, j) => (j === 0 ? leafHash(h) : h))), 'altered hash')
  }
  assert.not.ok(verifyConsistency(5, 4, rootOf(many.slice(0, 5)), rootOf(many.slice(0, 4)), []), 'a smaller second tree')
  assert.ok(verifyConsistency(0, 7, EMPTY_ROOT, rootOf(many.slice(0, 7)), []), 'every tree extends the empty one')
})

test.run()
