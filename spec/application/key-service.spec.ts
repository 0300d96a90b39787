import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { KeyService, type KeyMaterialLifecycle } from '../../application/key-service.ts'
import type { CommandContext } from '../../domain/kernel/context.ts'
import { MemoryEventStore } from '../../adapters/store/memory.ts'
import { randomIds } from '../../adapters/ids.ts'
import { GENESIS_HASH, hashEvent } from '../../domain/events/hash-chain.ts'
import type { EventStore } from '../../domain/ports/event-store.ts'

const ACCOUNT = '1234567890123456'
const ctx = (over: Partial<CommandContext> = {}): CommandContext => ({
  principal: `acs:ram::${ACCOUNT}:root`, requestId: 'req-1', now: new Date('2026-01-01T00:00:00Z'), sourceIp: '10.0.0.1', ...over,
})
const keyFields = {
  accountId: ACCOUNT, region: 'cn-hangzhou', kind: 'software' as const, instanceId: 'kst-soft0001', externalKeyId: null,
  spec: 'Aliyun_AES_256' as const, usage: null, origin: 'Aliyun_KMS' as const, protectionLevel: 'SOFTWARE' as const,
  description: '', creator: ACCOUNT, rotation: null, policy: '', tags: [],
}
const right = <A>(r: E.Either<{ code: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected success, got ${r.left.code}`)
  return r.right
}
const code = (r: E.Either<{ code: string }, unknown>): string => (E.isLeft(r) ? r.left.code : 'ok')

const setup = () => {
  const store = new MemoryEventStore()
  return { store, keys: new KeyService(store, randomIds) }
}

test('a command appends its events with the context as metadata and returns their global position', async () => {
  const { store, keys } = setup()
  const created = right(await keys.createKey(keyFields, ctx({ requestId: 'req-create' })))
  const events = await store.readStream(`key-${created.state.keyId}`)
  assert.is(events.length, 1)
  assert.is(created.position, events[0]!.position)
  const m = events[0]!.metadata
  assert.is(m.principal, `acs:ram::${ACCOUNT}:root`)
  assert.is(m.requestId, 'req-create')
  assert.is(m.occurredAt, '2026-01-01T00:00:00.000Z')
  assert.is(m.sourceIp, '10.0.0.1')
  assert.is(m.correlationId, 'req-create')
  assert.is(m.prevHash, GENESIS_HASH)
  assert.is(m.hash, hashEvent(events[0]!))
})

test('concurrent commands on one key are all applied: conflicts reload and decide again', async () => {
  const { store, keys } = setup()
  const { state } = right(await keys.createKey(keyFields, ctx()))
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
    keys.execute(state.keyId, { type: 'TagKey', now: '2026-01-02T00:00:00Z', tags: [{ TagKey: `k${i}`, TagValue: 'v' }] }, ctx())))
  assert.ok(results.every(E.isRight))
  const after = right(await keys.load(state.keyId))
  assert.is(Object.keys(after.tags).length, 10)
  const revisions = (await store.readStream(`key-${state.keyId}`)).map((e) => e.revision)
  assert.equal(revisions, [...Array(11).keys()])
})

test('S-1.2 a region holds at most one user-created default key', async () => {
  const { keys } = setup()
  const defaultKey = { ...keyFields, kind: 'default' as const, instanceId: null }
  const first = await keys.createKey(defaultKey, ctx())
  assert.is(code(first), 'ok')
  assert.is(code(await keys.createKey(defaultKey, ctx())), 'Rejected.LimitExceeded')
  assert.is(code(await keys.createKey({ ...defaultKey, region: 'cn-shanghai' }, ctx())), 'ok')
  assert.is(code(await keys.createKey(keyFields, ctx())), 'ok') // instance keys are not limited
})

test('S-1.2 two default keys created at the same moment: exactly one wins', async () => {
  const { keys } = setup()
  const defaultKey = { ...keyFields, kind: 'default' as const, instanceId: null }
  const results = await Promise.all(Array.from({ length: 5 }, () => keys.createKey(defaultKey, ctx())))
  assert.is(results.filter(E.isRight).length, 1)
  assert.ok(results.filter(E.isLeft).every((r) => r.left.code === 'Rejected.LimitExceeded'))
})

test('S-1.2 a refused default key request does not use up the region slot', async () => {
  const { keys } = setup()
  const bad = await keys.createKey({ ...keyFields, kind: 'default', instanceId: null, spec: 'RSA_2048' }, ctx())
  assert.is(code(bad), 'InvalidParameter')
  assert.is(code(await keys.createKey({ ...keyFields, kind: 'default', instanceId: null }, ctx())), 'ok')
})

const failingOnce = (): KeyMaterialLifecycle & { failures: number } => {
  const m = {
    failures: 1,
    async provision() {
      if (m.failures-- > 0) return E.left({ code: 'InternalFailure', httpStatus: 500, message: 'executor down' })
      return E.right(undefined)
    },
    async afterAppend() {},
  }
  return m
}

test('S-1.2 a failure between reserving the slot and creating the key does not lose the slot for good', async () => {
  // given the slot reserved, then the key's creation fails (material could not be made)
  const store = new MemoryEventStore()
  const keys = new KeyService(store, randomIds, failingOnce())
  const defaultKey = { ...keyFields, kind: 'default' as const, instanceId: null }
  assert.is(code(await keys.createKey(defaultKey, ctx())), 'InternalFailure')
  const slot = await store.readStream(`defaultkey-${ACCOUNT}.cn-hangzhou`)
  assert.is(slot.length, 1)
  const reservedId = (slot[0]!.data as { keyId: string }).keyId
  // when CreateKey is asked again, then it finishes that reservation under the reserved id
  const second = right(await keys.createKey(defaultKey, ctx()))
  assert.is(second.state.keyId, reservedId)
  assert.is((await store.readStream(`defaultkey-${ACCOUNT}.cn-hangzhou`)).length, 1)
  // and the region now has its one default key
  assert.is(code(await keys.createKey(defaultKey, ctx())), 'Rejected.LimitExceeded')
})

test('S-1.2 a stale reservation finished by several requests at once: exactly one creates the key', async () => {
  const store = new MemoryEventStore()
  const keys = new KeyService(store, randomIds, failingOnce())
  const defaultKey = { ...keyFields, kind: 'default' as const, instanceId: null }
  assert.is(code(await keys.createKey(defaultKey, ctx())), 'InternalFailure')
  const results = await Promise.all(Array.from({ length: 5 }, () => keys.createKey(defaultKey, ctx())))
  assert.is(results.filter(E.isRight).length, 1)
  assert.ok(results.filter(E.isLeft).every((r) => r.left.code === 'Rejected.LimitExceeded'))
})

test('S-1.2 decision: a deleted default key frees the slot; one pending deletion does not', async () => {
  const { store, keys } = setup()
  const defaultKey = { ...keyFields, kind: 'default' as const, instanceId: null }
  const first = right(await keys.createKey(defaultKey, ctx())).state.keyId
  right(await keys.execute(first, { type: 'ScheduleKeyDeletion', now: '2026-01-01T00:00:00Z', pendingWindowInDays: 7 }, ctx()))
  assert.is(code(await keys.createKey(defaultKey, ctx())), 'Rejected.LimitExceeded') // it can still be cancelled
  right(await keys.execute(first, { type: 'DeleteKey', now: '2026-01-09T00:00:00Z' }, ctx({ now: new Date('2026-01-09T00:00:00Z') })))
  const second = right(await keys.createKey(defaultKey, ctx({ now: new Date('2026-01-09T00:00:00Z') }))).state.keyId
  assert.is.not(second, first)
  assert.equal((await store.readStream(`defaultkey-${ACCOUNT}.cn-hangzhou`)).map((e) => (e.data as { keyId: string }).keyId), [first, second])
  assert.is(code(await keys.createKey(defaultKey, ctx())), 'Rejected.LimitExceeded')
})

test('S-3.6 batch tagging checks every key first: one refusal changes no key', async () => {
  const { store, keys } = setup()
  const a = right(await keys.createKey(keyFields, ctx())).state.keyId
  const b = right(await keys.createKey(keyFields, ctx())).state.keyId
  right(await keys.execute(b, { type: 'ScheduleKeyDeletion', now: '2026-01-01T00:00:00Z', pendingWindowInDays: 7 }, ctx()))
  const before = await store.headPosition()
  const tag = { type: 'TagKey' as const, now: '2026-01-01T00:00:00Z', tags: [{ TagKey: 'env', TagValue: 'prod' }] }
  assert.is(code(await keys.executeMany([a, b], tag, ctx())), 'Rejected.PendingDeletion')
  assert.is(await store.headPosition(), before)
  const c = right(await keys.createKey(keyFields, ctx())).state.keyId
  right(await keys.executeMany([a, c], tag, ctx()))
  assert.equal(right(await keys.load(a)).tags, { env: 'prod' })
  assert.equal(right(await keys.load(c)).tags, { env: 'prod' })
  assert.is(code(await keys.executeMany([a, 'key-doesnotexist1'], tag, ctx())), 'Forbidden.KeyNotFound')
})

const aliasCmd = (type: 'CreateAlias' | 'UpdateAlias', alias: string, keyId: string) => ({ type, alias, keyId, accountId: ACCOUNT, region: 'cn-hangzhou' })

test('aliases are unique per account and region, even under concurrent creation', async () => {
  const { keys } = setup()
  const a = right(await keys.createKey(keyFields, ctx())).state.keyId
  const b = right(await keys.createKey(keyFields, ctx())).state.keyId
  const results = await Promise.all([a, b, a, b].map((k) => keys.alias(aliasCmd('CreateAlias', 'alias/prod', k), ctx())))
  assert.is(results.filter(E.isRight).length, 1)
  assert.ok(results.filter(E.isLeft).every((r) => r.left.code === 'AliasAlreadyExists'))
  const winner = right(await keys.resolveAlias(ACCOUNT, 'cn-hangzhou', 'alias/prod'))
  assert.ok(winner === a || winner === b)
})

test('an alias can be retargeted, deleted and created again', async () => {
  const { keys } = setup()
  const a = right(await keys.createKey(keyFields, ctx())).state.keyId
  const b = right(await keys.createKey(keyFields, ctx())).state.keyId
  right(await keys.alias(aliasCmd('CreateAlias', 'alias/app', a), ctx()))
  right(await keys.alias(aliasCmd('UpdateAlias', 'alias/app', b), ctx()))
  assert.is(right(await keys.resolveAlias(ACCOUNT, 'cn-hangzhou', 'alias/app')), b)
  right(await keys.alias({ type: 'DeleteAlias', alias: 'alias/app', accountId: ACCOUNT, region: 'cn-hangzhou' }, ctx()))
  assert.is(code(await keys.resolveAlias(ACCOUNT, 'cn-hangzhou', 'alias/app')), 'Forbidden.AliasNotFound')
  assert.is(code(await keys.alias({ type: 'DeleteAlias', alias: 'alias/app', accountId: ACCOUNT, region: 'cn-hangzhou' }, ctx())), 'Forbidden.AliasNotFound')
  right(await keys.alias(aliasCmd('CreateAlias', 'alias/app', a), ctx()))
  assert.is(right(await keys.resolveAlias(ACCOUNT, 'cn-hangzhou', 'alias/app')), a)
})

test('§5.2 an alias cannot be created for a key pending deletion, nor for a missing key', async () => {
  const { keys } = setup()
  const a = right(await keys.createKey(keyFields, ctx())).state.keyId
  right(await keys.execute(a, { type: 'ScheduleKeyDeletion', now: '2026-01-01T00:00:00Z', pendingWindowInDays: 7 }, ctx()))
  assert.is(code(await keys.alias(aliasCmd('CreateAlias', 'alias/x', a), ctx())), 'Rejected.StateModifiedFailed')
  assert.is(code(await keys.alias(aliasCmd('CreateAlias', 'alias/x', 'key-missing00001'), ctx())), 'Forbidden.KeyNotFound')
})

test('a stored event that does not decode is reported, not folded', async () => {
  const { store, keys } = setup()
  const a = right(await keys.createKey(keyFields, ctx())).state.keyId
  await (store as EventStore).append(`key-${a}`, 0, [{ eventId: 'e-bad', type: 'KeyDisabled', data: { nope: 1 }, metadata: { principal: 'p', requestId: 'r', occurredAt: 't', correlationId: 'c', causationId: 'c' } }])
  assert.is(code(await keys.load(a)), 'InternalFailure')
})

test.run()
