import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { auditHistory, auditState, auditVerify } from '../../../adapters/cli/audit.ts'
import { readAnchors } from '../../../adapters/readstore/anchor.ts'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import { hashEvent } from '../../../domain/events/hash-chain.ts'
import { ACCOUNT, REGION, T0, World, at } from '../../support/projection-world.ts'
import { alterData, alterMetadata, eventAt, insertEvent, removeEvent, swapEvents, truncateStream } from '../../support/tamper.ts'

const history = async () => {
  const store = new MemoryEventStore()
  const w = new World(store)
  const keyId = await w.createKey(T0, { tags: [{ TagKey: 'env', TagValue: 'prod' }] as never })
  await w.run(keyId, { type: 'DisableKey', now: at(T0, 10) })
  await w.call(keyId, at(T0, 11), { outcome: 'denied', errorCode: 'Rejected.Disabled' })
  await w.run(keyId, { type: 'EnableKey', now: at(T0, 20) })
  await w.alias({ type: 'CreateAlias', alias: 'alias/app', keyId, accountId: ACCOUNT, region: REGION }, at(T0, 21))
  await w.run(keyId, { type: 'ScheduleKeyDeletion', now: at(T0, 30), pendingWindowInDays: 7 })
  return { store, w, keyId, stream: `key-${keyId}` }
}

test('audit history lists lifecycle, usage and alias events in order with who, when, from where and the request id', async () => {
  const { store, w, keyId } = await history()
  const rows = JSON.parse(await auditHistory(store, keyId, 'json')) as { type: string; occurredAt: string; principal: string; sourceIp: string; requestId: string }[]
  assert.equal(rows.map((r) => r.type), ['KeyCreated', 'TagBound', 'KeyDisabled', 'ActionInvoked', 'KeyEnabled', 'AliasCreated', 'DeletionScheduled'])
  assert.is(rows[2]!.occurredAt, at(T0, 10))
  assert.is(rows[2]!.principal, `acs:ram::${ACCOUNT}:user/alice`)
  assert.is(rows[2]!.sourceIp, '10.0.0.7')
  assert.ok(rows.every((r) => r.requestId.length > 0))
  const table = await auditHistory(store, keyId, 'table')
  assert.match(table, 'kms:Encrypt denied Rejected.Disabled')
  assert.match(table, 'alias/app')
  await w.close()
})

test('audit state --at reconstructs the key as it was at each instant', async () => {
  const { store, w, keyId } = await history()
  const stateAt = async (days: number) => (JSON.parse(await auditState(store, keyId, new Date(at(T0, days)), 'json')) as { state: Record<string, string> }).state
  assert.is((await stateAt(5)).KeyState, 'Enabled')
  assert.is((await stateAt(15)).KeyState, 'Disabled')
  assert.is((await stateAt(10)).KeyState, 'Disabled', 'an event at exactly the instant counts')
  assert.is((await stateAt(25)).KeyState, 'Enabled')
  const late = await stateAt(31)
  assert.is(late.KeyState, 'PendingDeletion')
  assert.is(late.DeleteDate, at(T0, 37))
  assert.is(late.Tags, 'env=prod')
  let refused = false
  await auditState(store, keyId, new Date(at(T0, -1)), 'json').catch(() => { refused = true })
  assert.ok(refused, 'before its creation the key did not exist')
  await w.close()
})

test('audit verify finds every chain intact in an untouched store', async () => {
  const { store, w } = await history()
  const r = await auditVerify(store, {}, 'table')
  assert.ok(r.ok, r.text)
  assert.match(r.text, 'every hash chain is intact')
  await w.close()
})

const broken = async (tamper: (store: MemoryEventStore, stream: string) => void, keyOnly = false) => {
  const h = await history()
  tamper(h.store, h.stream)
  const r = await auditVerify(h.store, keyOnly ? { keyId: h.keyId } : {}, 'json')
  await h.w.close()
  assert.is(r.ok, false, 'tampering must be detected')
  return { ...r.report.breaks[0]!, stream: h.stream }
}

test('audit verify: altered data is reported with its stream and revision', async () => {
  const b = await broken((s, stream) => alterData(s, stream, 2, { keyId: 'someone-else' }))
  assert.is(b.streamId, b.stream)
  assert.is(b.revision, 2)
  assert.is(b.kind, 'altered')
})

test('audit verify: altered metadata (who did it) is reported', async () => {
  const b = await broken((s, stream) => alterMetadata(s, stream, 2, { principal: 'acs:ram::1:user/mallory' }), true)
  assert.equal([b.revision, b.kind], [2, 'altered'])
})

test('audit verify: a removed event is reported at the first revision after the gap', async () => {
  const b = await broken((s, stream) => removeEvent(s, stream, 2))
  assert.equal([b.revision, b.kind], [3, 'removed'])
})

test('audit verify: reordered events are reported', async () => {
  const b = await broken((s, stream) => swapEvents(s, stream, 2, 3))
  assert.is(b.kind, 'reordered')
})

test('audit verify: an inserted event with a valid-looking hash is reported', async () => {
  const b = await broken((s, stream) => {
    const prev = eventAt(s, stream, 1)
    const forged = {
      ...prev, eventId: 'forged', type: 'DeletionProtectionDisabled', revision: 2, position: prev.position,
      data: { keyId: (prev.data as { keyId: string }).keyId },
      metadata: { ...prev.metadata, prevHash: prev.metadata.hash, hash: '' },
    }
    insertEvent(s, stream, 1, { ...forged, metadata: { ...forged.metadata, hash: hashEvent(forged) } })
  })
  assert.equal([b.revision, b.kind], [2, 'inserted'])
})

test('audit verify: a cut-off tail is NOT detectable from the chain alone, but the read store anchor shows it', async () => {
  const h = await history()
  await h.w.catchUp()
  const anchors = readAnchors(h.w.readStore)
  truncateStream(h.store, h.stream, 2)
  const alone = await auditVerify(h.store, {}, 'json')
  assert.ok(alone.ok, 'a shorter chain is still a valid chain')
  const anchored = await auditVerify(h.store, { anchors }, 'json')
  assert.is(anchored.ok, false)
  assert.equal([anchored.report.breaks[0]!.streamId, anchored.report.breaks[0]!.kind], [h.stream, 'truncated'])
  const oneKey = await auditVerify(h.store, { keyId: h.keyId, anchors }, 'table')
  assert.is(oneKey.ok, false)
  assert.match(oneKey.text, 'truncated')
  await h.w.close()
})

test('audit verify with the anchor: a stream rewritten with recomputed hashes is caught', async () => {
  const h = await history()
  await h.w.catchUp()
  const anchors = readAnchors(h.w.readStore)
  const last = eventAt(h.store, h.stream, 4)
  const data = { ...(last.data as object), pendingWindowInDays: 366 }
  alterData(h.store, h.stream, 4, data)
  alterMetadata(h.store, h.stream, 4, { hash: hashEvent({ ...last, data }) })
  assert.ok((await auditVerify(h.store, {}, 'json')).ok, 'the chain alone is fooled by a recomputed hash')
  const r = await auditVerify(h.store, { anchors }, 'json')
  assert.equal([r.report.breaks[0]!.revision, r.report.breaks[0]!.kind], [4, 'altered'])
  await h.w.close()
})

test('issue 13 finding 6: control characters a caller wrote (ESC/CSI, OSC, BEL, C1, bidi, newline) never reach the terminal raw', async () => {
  const store = new MemoryEventStore()
  const w = new World(store)
  const hostile = '\x1b[2J\x1b]0;pwned\x07\x9b31m\u202eevil\nforged row'
  const keyId = await w.createKey(T0, { tags: [{ TagKey: 'env', TagValue: hostile }] as never })
  await w.call(keyId, at(T0, 1), { callerService: hostile, callerResource: hostile })
  for (const format of ['table', 'csv', 'json'] as const) {
    const out = await auditHistory(store, keyId, format)
    assert.not.match(out, /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/, `${format}: a raw control or bidi character`)
    if (format !== 'json') assert.match(out, '\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\u202eevil\\x0aforged row', format)
  }
  // JSON stays the same data: parsed back, the hostile text is intact.
  const rows = JSON.parse(await auditHistory(store, keyId, 'json')) as { detail: string }[]
  assert.ok(rows.some((r) => r.detail.includes(hostile)))
  await w.close()
})

test.run()
