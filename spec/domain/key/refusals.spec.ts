import { test } from 'uvu'
import { keyDecider, type KeyCommand, type KeyEvent } from '../../../domain/key/index.ts'
import { deciderSpec } from '../../support/decider-spec.ts'
import { createKeyCommand, created, daysAfter, KEY_ID, T0 } from '../../support/key-given.ts'

// What a client reads when the key decider refuses a command (issue 20 item 1; the state table's own refusals are
// in state-table.spec.ts): for each refusal the API code, the HTTP status and the exact message. The message is the
// only place a caller learns which rule (S-…, §…) or which parameter refused the request, so it is pinned here
// row by row: given the history, when the command, then refused with code, status and message.

const spec = deciderSpec(keyDecider)
const keyId = KEY_ID
const DAY = 86_400
const hsm = { kind: 'hardware', instanceId: 'kst-hsm00001' } as const
const defaultKey = { kind: 'default', instanceId: null } as const
const external = { kind: 'external', instanceId: 'kst-xki00001', externalKeyId: 'ext-1' } as const
const V1 = '00000000-0000-4000-8000-0000000000a1'
const V2 = '00000000-0000-4000-8000-0000000000a2'
const rotatedTo = (versionId: string): KeyEvent => ({ type: 'VersionRotated', data: { keyId, versionId, reason: 'manual', rotatedAt: daysAfter(T0, 1) } })
const scheduled: KeyEvent = { type: 'DeletionScheduled', data: { keyId, pendingWindowInDays: 7, deleteDate: daysAfter(T0, 7) } }
const protectedOn: KeyEvent = { type: 'DeletionProtectionEnabled', data: { keyId, description: 'prod' } }
const deleted: KeyEvent = { type: 'KeyDeleted', data: { keyId, deletedAt: daysAfter(T0, 7) } }
const tags = (n: number): KeyEvent[] =>
  Array.from({ length: n }, (_, i): KeyEvent => ({ type: 'TagBound', data: { keyId, tagKey: `k${i}`, tagValue: 'v' } }))
const versions = (n: number): KeyEvent[] =>
  Array.from({ length: n }, (_, i): KeyEvent => ({
    type: 'KeyVersionCreated',
    data: { keyId, versionId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, createdAt: daysAfter(T0, 7 * (i + 1)) },
  }))

const invalid = (name: string, why: string): string => `The specified parameter "${name}" is not valid. ${why}`
const unsupported = (why: string): string => `Unsupported operation. ${why}`
const stateFailed = (why: string): string => `Keystate modified failed. ${why}`

const refusals: Array<[rule: string, history: KeyEvent[], command: KeyCommand, code: string, status: number, message: string]> = [
  ['a key id is created once', created(), createKeyCommand(), 'Rejected.ResourceExist', 409, 'The key already exists.'],
  ['S-3.5 the default key is created without tags', [], createKeyCommand({ ...defaultKey, tags: [{ TagKey: 'env', TagValue: 'prod' }] }),
    'Rejected.UnsupportedOperation', 400, unsupported('S-3.5: default keys do not take tags.')],
  ['S-1.4 an external key names its external key', [], createKeyCommand({ ...external, externalKeyId: null }),
    'InvalidParameter', 400, invalid('ExternalKeyId', 'S-1.4: an external key names the key of the external key manager.')],
  ['S-1.4 an external key imports nothing', [], createKeyCommand({ ...external, origin: 'EXTERNAL' }),
    'InvalidParameter', 400, invalid('Origin', 'S-1.4: an external key already exists in its key manager; nothing is imported.')],
  ['S-1.4 a software key belongs to an instance', [], createKeyCommand({ instanceId: null }),
    'InvalidParameter', 400, invalid('DKMSInstanceId', 'S-1.4: a software key belongs to a KMS instance.')],
  ['S-1.4 a hardware key belongs to an instance', [], createKeyCommand({ ...hsm, instanceId: null }),
    'InvalidParameter', 400, invalid('DKMSInstanceId', 'S-1.4: a hardware key belongs to a KMS instance.')],
  ['§5.13 the default key is created rotating every 365 days: not off', [], createKeyCommand({ ...defaultKey, rotation: { enabled: false, intervalSeconds: null } }),
    'InvalidParameter', 400, invalid('RotationInterval', 'The default key rotates every 365 days; its rotation cannot be changed.')],
  ['§5.13 the default key is created rotating every 365 days: no other interval', [],
    createKeyCommand({ ...defaultKey, rotation: { enabled: true, intervalSeconds: 30 * DAY } }),
    'InvalidParameter', 400, invalid('RotationInterval', 'The default key rotates every 365 days; its rotation cannot be changed.')],
  ['S-4.1 an asymmetric key is not created rotating', [], createKeyCommand({ spec: 'RSA_2048', rotation: { enabled: true, intervalSeconds: 30 * DAY } }),
    'InvalidParameter', 400, invalid('EnableAutomaticRotation', 'S-4.1: only symmetric keys with KMS-made material rotate automatically.')],
  ['S-4.2 a key created rotating names its interval', [], createKeyCommand({ rotation: { enabled: true, intervalSeconds: null } }),
    'InvalidParameter', 400, invalid('RotationInterval', 'required when EnableAutomaticRotation is true')],
  ['S-7.2 no deletion protection while pending deletion', [...created(), scheduled], { type: 'SetDeletionProtection', now: T0, enable: true, description: 'late' },
    'Rejected.StateModifiedFailed', 409, stateFailed('S-7.2: a key pending deletion cannot have deletion protection turned on.')],
  ['S-7.1 a protected key is not scheduled for deletion', [...created(), protectedOn], { type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 7 },
    'Rejected.DeletionProtection', 409, 'S-7.1: deletion protection is on; turn it off before scheduling deletion.'],
  ['S-8.1 a key is not deleted before its pending window ends', [...created(), scheduled], { type: 'DeleteKey', now: daysAfter(T0, 6) },
    'Rejected.StateModifiedFailed', 409, stateFailed(`S-8.1: the pending window ends at ${daysAfter(T0, 7)}.`)],
  ['S-5.1 the default key keeps the default key policy', created(defaultKey), { type: 'SetKeyPolicy', now: T0, policy: '{}' },
    'Rejected.UnsupportedOperation', 400, unsupported('Default keys keep the default key policy (S-5.1).')],
  ['S-1.3 only EXTERNAL-origin keys take imported material', created(), { type: 'ImportKeyMaterial', now: T0, expireAt: null },
    'Unsupported.Origin', 400, 'Only keys with Origin EXTERNAL take imported material.'],
  ['S-1.3 imported material does not expire in the past', created({ ...hsm, origin: 'EXTERNAL' }),
    { type: 'ImportKeyMaterial', now: daysAfter(T0, 2), expireAt: daysAfter(T0, 1) },
    'InvalidParameter', 400, invalid('KeyMaterialExpireUnix', 'the expiry must not be in the past')],
  ['S-1.3 only EXTERNAL-origin keys have material to delete', created(), { type: 'DeleteKeyMaterial', now: T0, reason: 'deleted' },
    'Unsupported.Origin', 400, 'Only keys with Origin EXTERNAL have material to delete.'],
  ['S-8 material destruction is recorded for a key that exists', [], { type: 'RecordKeyMaterialDestroyed', now: T0 },
    'Forbidden.KeyNotFound', 404, 'The specified Key is not found: '],
  ['S-8 material destruction is recorded only after a deletion', created(), { type: 'RecordKeyMaterialDestroyed', now: T0 },
    'Rejected.StateModifiedFailed', 409, stateFailed('Material destruction is recorded only for a deleted key or after KeyMaterialDeleted.')],
  ['S-8 a deleted key is not found', [...created(), scheduled, deleted], { type: 'SetKeyPolicy', now: T0, policy: '{}' },
    'Forbidden.KeyNotFound', 404, `The specified Key is not found: ${keyId}`],
  ['S-3.5 the default key takes no tags', created(defaultKey), { type: 'TagKey', now: T0, tags: [{ TagKey: 'env', TagValue: 'prod' }] },
    'Rejected.UnsupportedOperation', 400, unsupported('S-3.5: default keys do not take tags.')],
  ['S-3.4 a key holds at most 20 tags', [...created(), ...tags(20)], { type: 'TagKey', now: T0, tags: [{ TagKey: 'k20', TagValue: 'v' }] },
    'Rejected.LimitExceeded', 400, 'S-3.4: a key has at most 20 tags.'],
  ['§5.13 the default key\'s rotation cannot change', created(defaultKey), { type: 'UpdateRotationPolicy', now: T0, enable: false, intervalSeconds: null },
    'Rejected.UnsupportedOperation', 400, unsupported('The default key rotates every 365 days; its rotation cannot be changed.')],
  ['S-4.1 an asymmetric key does not rotate automatically', created({ spec: 'RSA_2048' }),
    { type: 'UpdateRotationPolicy', now: T0, enable: true, intervalSeconds: 30 * DAY },
    'Rejected.UnsupportedOperation', 400, unsupported('S-4.1: only symmetric keys with KMS-made material rotate automatically.')],
  ['S-4.2 turning rotation on names an interval when the key has none', created({ rotation: { enabled: false, intervalSeconds: null } }),
    { type: 'UpdateRotationPolicy', now: T0, enable: true, intervalSeconds: null },
    'InvalidParameter', 400, invalid('RotationInterval', 'required when EnableAutomaticRotation is true')],
  ['S-4.1 an external key does not rotate', created({ ...external, spec: 'Aliyun_AES_256' }),
    { type: 'RotateKey', now: T0, versionId: V1, reason: 'manual' },
    'Rejected.UnsupportedOperation', 400, unsupported('S-4.1: only symmetric keys with KMS-made material rotate.')],
  ['a rotation\'s version id is new to the key', created({ versionId: V1 }), { type: 'RotateKey', now: daysAfter(T0, 1), versionId: V1, reason: 'manual' },
    'InvalidParameter', 400, invalid('KeyVersionId', 'version ids are unique within a key')],
  ['a rotation\'s version id is new to the key: an older version\'s too', [...created({ versionId: V1 }), rotatedTo(V2)],
    { type: 'RotateKey', now: daysAfter(T0, 2), versionId: V1, reason: 'manual' },
    'InvalidParameter', 400, invalid('KeyVersionId', 'version ids are unique within a key')],
  ['§5.4 CreateKeyVersion is for asymmetric keys', created(), { type: 'CreateKeyVersion', now: daysAfter(T0, 7), versionId: V1 },
    'Rejected.UnsupportedOperation', 400, unsupported('CreateKeyVersion is for asymmetric keys; symmetric keys rotate.')],
  ['§5.4 a key has at most 50 versions', [...created({ spec: 'RSA_2048' }), ...versions(49)],
    { type: 'CreateKeyVersion', now: daysAfter(T0, 7 * 60), versionId: V1 },
    'Rejected.LimitExceeded', 400, 'A key has at most 50 versions.'],
  ['§5.4 a new version waits 7 days after the last', created({ spec: 'RSA_2048' }), { type: 'CreateKeyVersion', now: daysAfter(T0, 6), versionId: V1 },
    'Rejected.UnsupportedOperation', 400, unsupported('A new version needs 7 days since the last one.')],
]

for (const [rule, history, command, code, status, message] of refusals) {
  test(`${rule}: ${command.type} → ${status} ${code} "${message}"`, () => {
    spec.given(...history).when(command).thenRefused(code, status, message)
  })
}

test.run()
