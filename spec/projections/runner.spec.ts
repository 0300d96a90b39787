import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import { decodeRecorded } from '../../projections/projected-event.ts'
import { planBatch } from '../../projections/runner.ts'
import { keyCatalogueView, keyUsageView, USAGE_KEYS, KEYS } from '../../projections/views/index.ts'

const meta = { principal: 'p', requestId: 'r', occurredAt: '2026-01-01T00:00:00.000Z', correlationId: 'r', causationId: 'r', prevHash: '0', hash: '1' }
const call = (position: number): RecordedEvent => ({
  streamId: 'keyusage-key-1', revision: position - 1, position, eventId: `e${position}`, type: 'ActionInvoked', metadata: meta,
  data: { keyId: 'key-1', versionId: null, action: 'kms:Encrypt', outcome: 'allowed', errorCode: null, callerService: 'ecs', callerResource: null, requestId: 'r', at: '2026-01-01T00:00:00.000Z' },
})

test('each view folds only the events after its own checkpoint, and every checkpoint reaches the batch end', () => {
  const plan = planBatch([keyCatalogueView, keyUsageView], new Map([[keyUsageView.name, 2]]), [call(1), call(2), call(3)])
  const usage = plan.views.find((v) => v.view === keyUsageView.name)!
  assert.is(usage.checkpoint, 3)
  assert.is(usage.ops.filter((o) => o.table === USAGE_KEYS).length, 1, 'events 1 and 2 were already applied')
  const catalogue = plan.views.find((v) => v.view === keyCatalogueView.name)!
  assert.is(catalogue.checkpoint, 3, 'a view moves past events it has nothing to do with')
  assert.equal(catalogue.ops, [])
})

test('a redelivered batch plans nothing', () => {
  const plan = planBatch([keyUsageView], new Map([[keyUsageView.name, 3]]), [call(2), call(3)])
  assert.is(plan.applied, 0)
  assert.equal(plan.views[0]!.ops, [])
  assert.is(plan.views[0]!.checkpoint, 3)
})

test('an event that does not decode is a problem naming its stream and revision; the checkpoint passes it', () => {
  const bad = { ...call(1), data: { keyId: 'key-1' } }
  const plan = planBatch([keyUsageView], new Map(), [bad, call(2)])
  assert.equal(plan.problems.map((p) => [p.streamId, p.revision, p.type]), [['keyusage-key-1', 0, 'ActionInvoked']])
  assert.is(plan.views[0]!.checkpoint, 2)
})

test('streams of other aggregates pass as "other" and no catalogue row comes of them', () => {
  const other: RecordedEvent = { ...call(1), streamId: 'secret-s1', type: 'SecretCreated', data: { x: 1 } }
  const d = decodeRecorded(other)
  assert.ok(E.isRight(d) && d.right.kind === 'other')
  assert.equal(planBatch([keyCatalogueView], new Map(), [other]).views[0]!.ops.filter((o) => o.table === KEYS), [])
})

test('the usage fold is a pure function of the event: counters add, times keep the latest', () => {
  const d = decodeRecorded(call(1))
  assert.ok(E.isRight(d))
  if (E.isLeft(d)) return
  const ops = keyUsageView.project(d.right)
  assert.equal(ops, keyUsageView.project(d.right))
  const key = ops.find((o) => o.table === USAGE_KEYS)!
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the merge spec is checked as the runner reads it
  assert.ok(key.op === 'upsert' && key.merge?.calls === 'add' && key.merge?.last_call_at === 'max')
})

test.run()
