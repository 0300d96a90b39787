import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ProjectedAuditTree } from '../../../adapters/audit/projected-tree.ts'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import type { Checkpoint } from '../../../domain/audit/checkpoint.ts'
import { checkLog, recomputedLeaves, type Candidate } from '../../../projections/audit/log-check.ts'
import { rootOf } from '../../../domain/audit/merkle.ts'
import { newEvents } from '../../support/store-events.ts'
import { alterData, truncateStream } from '../../support/tamper.ts'

// projections/audit/log-check.ts: the log as it is now against checkpoints (signatures are checked before, in
// adapters/audit/checkpoints.ts). Leaves are recomputed from the events' content: a stored hash left as it was
// does not hide an edit.

const world = async () => {
  const store = new MemoryEventStore()
  for (let i = 0; i < 6; i++) await store.append(`key-${i % 2}`, 'any', newEvents(1, 'Tested'))
  const tree = ProjectedAuditTree.open(store, ':memory:')
  await tree.catchUp()
  const at = async (size: number, source = `cp-${size}`): Promise<Candidate> => {
    const checkpoint: Checkpoint = { origin: 'o', size, root: rootOf(recomputedLeaves((await store.readAll()).slice(0, size))), time: `2026-01-01T00:00:0${size}Z` }
    return { ok: true, source, checkpoint }
  }
  return { store, tree, at }
}

test('given an untouched log, every earlier checkpoint is consistent and the newest is named', async () => {
  const w = await world()
  const r = checkLog(await w.store.readAll(), [await w.at(2), await w.at(6), await w.at(4)], w.tree)
  assert.equal(r.verdicts.map((v) => v.kind), ['consistent', 'consistent', 'consistent'])
  assert.is(r.newestConsistent?.source, 'cp-6')
})

test('given data edited without touching the stored hash, the checkpoint names the event (leaves are recomputed)', async () => {
  const w = await world()
  const cp = await w.at(6)
  alterData(w.store, 'key-1', 1, { i: 99 })
  const r = checkLog(await w.store.readAll(), [cp], w.tree)
  const v = r.verdicts[0]!
  assert.is(v.kind, 'changed')
  assert.ok(v.kind === 'changed' && v.first?.streamId === 'key-1' && v.first.revision === 1 && v.first.leafIndex === 3, JSON.stringify(v))
})

test('given a cut-off tail, TRUNCATED names the first missing position; a signature failure is not checked; a fork is named', async () => {
  const w = await world()
  const cp = await w.at(6)
  const head = await w.store.readAll()
  truncateStream(w.store, 'key-1', 1)
  const forged: Candidate = { ok: true, source: 'other', checkpoint: { ...cp.ok ? cp.checkpoint : (undefined as never), root: Buffer.alloc(32) } }
  const r = checkLog(await w.store.readAll(), [cp, { ok: false, source: 'bad', reason: 'no signature by this public key' }, forged], w.tree)
  assert.equal(r.verdicts.map((v) => v.kind), ['truncated', 'unverified', 'truncated'])
  const t = r.verdicts[0]!
  assert.ok(t.kind === 'truncated' && t.missingPosition === head[5]!.position && t.logSize === 5)
  assert.equal(r.forks, [{ a: 'cp-6', b: 'other', size: 6 }])
  assert.is(r.newestConsistent, null)
})

test.run()
