import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { KeyEvent } from '../../../domain/key/index.ts'
import type { ProjectedEvent } from '../../../projections/projected-event.ts'
import { KEY_EVENT_SCHEMA, publicEventKeyId, toPublicKeyEvent } from '../../../projections/feed/key-events.ts'

// Issue 17, item 3: the public key-event schema (docs/key-events.md), one case per mapped domain event type.
// Given a decoded domain event with internal metadata, when it is mapped, then the public event has the schema's
// fields only: no principal, request id, source IP or hash; details per the doc's table.

const KEY = 'key-hzz62f1cb66fa42qo3soq'
const ARN = `acs:kms:cn-hangzhou:1234567890123456:key/${KEY}`
const metadata = {
  principal: 'acs:ram::1234567890123456:root', requestId: 'req-secret-1', occurredAt: '2026-12-02T06:00:00.000Z',
  correlationId: 'c', causationId: 'c', sourceIp: '10.1.2.3', prevHash: 'p', hash: 'h',
}
const given = (event: KeyEvent): ProjectedEvent =>
  ({ position: 42, streamId: `key-${KEY}`, revision: 3, eventId: 'ev-1', metadata, kind: 'key', event })

const cases: [string, KeyEvent, string, Record<string, unknown>][] = [
  ['KeyCreated', { type: 'KeyCreated', data: {
    keyId: KEY, accountId: '1234567890123456', region: 'cn-hangzhou', arn: ARN, kind: 'software', instanceId: null, externalKeyId: null,
    spec: 'Aliyun_AES_256', usage: 'ENCRYPT/DECRYPT', origin: 'Aliyun_KMS', protectionLevel: 'SOFTWARE', description: 'd', creator: 'me',
    createdAt: metadata.occurredAt, initialVersionId: 'v1', rotation: { enabled: false, intervalSeconds: null }, policy: '{}',
  } }, 'created', { keySpec: 'Aliyun_AES_256', keyUsage: 'ENCRYPT/DECRYPT', origin: 'Aliyun_KMS', protectionLevel: 'SOFTWARE' }],
  ['KeyEnabled', { type: 'KeyEnabled', data: { keyId: KEY } }, 'enabled', {}],
  ['KeyDisabled', { type: 'KeyDisabled', data: { keyId: KEY } }, 'disabled', {}],
  ['DeletionScheduled', { type: 'DeletionScheduled', data: { keyId: KEY, pendingWindowInDays: 7, deleteDate: '2026-12-09T06:00:00.000Z' } },
    'deletion-scheduled', { pendingWindowInDays: 7, deleteDate: '2026-12-09T06:00:00.000Z' }],
  ['DeletionCancelled', { type: 'DeletionCancelled', data: { keyId: KEY } }, 'deletion-cancelled', {}],
  ['DeletionReminded', { type: 'DeletionReminded', data: { keyId: KEY, deleteDate: '2026-12-09T06:00:00.000Z', lead: 'P1D', leadSeconds: 86_400, remindedAt: '2026-12-08T06:00:00.000Z' } },
    'deletion-reminder', { deleteDate: '2026-12-09T06:00:00.000Z', lead: 'P1D', leadSeconds: 86_400 }],
  ['KeyDeleted', { type: 'KeyDeleted', data: { keyId: KEY, deletedAt: '2026-12-09T06:00:00.000Z' } }, 'deleted', { deletedAt: '2026-12-09T06:00:00.000Z' }],
  ['VersionRotated', { type: 'VersionRotated', data: { keyId: KEY, versionId: 'v2', reason: 'automatic', rotatedAt: metadata.occurredAt } },
    'rotated', { keyVersionId: 'v2', reason: 'automatic' }],
  ['KeyMaterialImported', { type: 'KeyMaterialImported', data: { keyId: KEY, versionId: 'v1', importedAt: metadata.occurredAt, expireAt: null } },
    'material-imported', { keyVersionId: 'v1', expireAt: null }],
  ['KeyMaterialDeleted (expired)', { type: 'KeyMaterialDeleted', data: { keyId: KEY, reason: 'expired' } }, 'material-expired', {}],
  ['KeyMaterialDeleted (deleted)', { type: 'KeyMaterialDeleted', data: { keyId: KEY, reason: 'deleted' } }, 'material-deleted', {}],
  ['KeyPolicyUpdated', { type: 'KeyPolicyUpdated', data: { keyId: KEY, policy: '{"Statement":[]}' } }, 'policy-changed', {}],
]

for (const [name, event, type, details] of cases) {
  test(`given a ${name} event, when mapped, then it is a "${type}" public event with only the schema's fields`, () => {
    const pub = toPublicKeyEvent(given(event), ARN)
    assert.equal(pub, { schema: KEY_EVENT_SCHEMA, position: 42, eventId: 'ev-1', time: metadata.occurredAt, keyId: KEY, keyArn: ARN, type, details })
    assert.is(publicEventKeyId(given(event)), KEY)
    const text = JSON.stringify(pub)
    for (const internal of ['req-secret-1', '10.1.2.3', 'acs:ram::', '"hash"', 'Statement']) assert.not.ok(text.includes(internal), internal)
  })
}

test('given events outside the schema (tags, description, usage), when mapped, then nothing is published', () => {
  assert.is(toPublicKeyEvent(given({ type: 'TagBound', data: { keyId: KEY, tagKey: 'a', tagValue: 'b' } }), ARN), undefined)
  assert.is(toPublicKeyEvent(given({ type: 'DescriptionUpdated', data: { keyId: KEY, description: 'x' } }), ARN), undefined)
  assert.is(publicEventKeyId(given({ type: 'TagBound', data: { keyId: KEY, tagKey: 'a', tagValue: 'b' } })), undefined)
  const usage = { ...given({ type: 'KeyEnabled', data: { keyId: KEY } }), kind: 'usage' } as unknown as ProjectedEvent
  assert.is(toPublicKeyEvent(usage, ARN), undefined)
})

test.run()
