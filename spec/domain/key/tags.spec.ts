import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createKeyCommand, created, given, T0 } from '../../support/key-given.ts'

const tags = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => ({ TagKey: `${prefix}${i}`, TagValue: `v${i}` }))

test('S-3.6 binding tags to a key records one TagBound per new or changed tag', () => {
  given(created({ tags: [{ TagKey: 'env', TagValue: 'dev' }] }))
    .when({ type: 'TagKey', now: T0, tags: [{ TagKey: 'env', TagValue: 'prod' }, { TagKey: 'team', TagValue: 'pay' }, ] })
    .thenEvents('TagBound', 'TagBound')
    .thenState((s) => assert.equal(s.tags, { env: 'prod', team: 'pay' }))
})

test('S-3.6 binding a tag with the value it already has changes nothing', () => {
  given(created({ tags: [{ TagKey: 'env', TagValue: 'dev' }] }))
    .when({ type: 'TagKey', now: T0, tags: [{ TagKey: 'env', TagValue: 'dev' }] })
    .thenEvents()
})

test('S-3.4 a key holds at most 20 tags, counting those it has', () => {
  given(created({ tags: tags(15) })).when({ type: 'TagKey', now: T0, tags: tags(5, 'x') }).thenEvents(...Array(5).fill('TagBound'))
  given(created({ tags: tags(15) })).when({ type: 'TagKey', now: T0, tags: tags(6, 'x') }).thenRejects('Rejected.LimitExceeded')
  // re-binding existing keys does not count twice
  given(created({ tags: tags(20) })).when({ type: 'TagKey', now: T0, tags: [{ TagKey: 'k3', TagValue: 'new' }] }).thenEvents('TagBound')
})

test('S-3.6 unbinding several tags removes those present and ignores the rest', () => {
  given(created({ tags: tags(3) }))
    .when({ type: 'UntagKey', now: T0, tagKeys: ['k0', 'k2', 'absent'] })
    .thenEvents('TagUnbound', 'TagUnbound')
    .thenState((s) => assert.equal(s.tags, { k1: 'v1' }))
})

test('S-3.5 the default key takes no tags', () => {
  given(created({ kind: 'default', instanceId: null })).when({ type: 'TagKey', now: T0, tags: tags(1) }).thenRejects('Rejected.UnsupportedOperation')
  given().when(createKeyCommand({ kind: 'default', instanceId: null, tags: tags(1) })).thenRejects('Rejected.UnsupportedOperation')
})

test.run()
