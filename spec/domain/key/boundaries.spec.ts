import { test } from 'uvu'
import { keyDecider, type KeyEvent } from '../../../domain/key/index.ts'
import { deciderSpec } from '../../support/decider-spec.ts'
import { created, daysAfter, KEY_ID, T0 } from '../../support/key-given.ts'

// The key's dates at the exact instant (issue 20 item 1): a scheduler that runs at the due time must act, one a
// millisecond early must not. Each rule is stated at the instant and one millisecond before (or after) it, so
// `<` for `<=` in the decider fails here.

const spec = deciderSpec(keyDecider)
const keyId = KEY_ID
const DAY = 86_400
const V1 = '00000000-0000-4000-8000-0000000000c1'
const V2 = '00000000-0000-4000-8000-0000000000c2'
const ms = (iso: string, n: number): string => new Date(Date.parse(iso) + n).toISOString()

const external = created({ kind: 'hardware', instanceId: 'kst-hsm00001', origin: 'EXTERNAL', versionId: V1 })
const expiresAt = daysAfter(T0, 10)
const imported: KeyEvent = { type: 'KeyMaterialImported', data: { keyId, versionId: V1, importedAt: T0, expireAt: expiresAt } }

test('S-1.3 imported material that expires at the moment of import is refused; one millisecond later is taken', () => {
  spec.given(...external).when({ type: 'ImportKeyMaterial', now: T0, expireAt: T0 }).thenRefused('InvalidParameter', 400)
  spec.given(...external).when({ type: 'ImportKeyMaterial', now: T0, expireAt: ms(T0, 1) })
    .then({ type: 'KeyMaterialImported', data: { keyId, versionId: V1, importedAt: T0, expireAt: ms(T0, 1) } })
})

test('S-1.3 the expiry job deletes material at its expiry instant, and not a millisecond before', () => {
  spec.given(...external, imported).when({ type: 'DeleteKeyMaterial', now: ms(expiresAt, -1), reason: 'expired' }).thenNothing()
  spec.given(...external, imported).when({ type: 'DeleteKeyMaterial', now: expiresAt, reason: 'expired' })
    .then({ type: 'KeyMaterialDeleted', data: { keyId, reason: 'expired' } })
})

test('S-4.2 automatic rotation happens at NextRotationDate exactly, and not a millisecond before', () => {
  const due = daysAfter(T0, 30)
  const rotating = created({ rotation: { enabled: true, intervalSeconds: 30 * DAY }, versionId: V1 })
  spec.given(...rotating).when({ type: 'RotateKey', now: ms(due, -1), versionId: V2, reason: 'automatic' }).thenNothing()
  spec.given(...rotating).when({ type: 'RotateKey', now: due, versionId: V2, reason: 'automatic' })
    .then({ type: 'VersionRotated', data: { keyId, versionId: V2, reason: 'automatic', rotatedAt: due } })
})

test('S-8.1 a key is deleted when its pending window ends exactly, and refused a millisecond before', () => {
  const deleteDate = daysAfter(T0, 7)
  const scheduled: KeyEvent = { type: 'DeletionScheduled', data: { keyId, pendingWindowInDays: 7, deleteDate } }
  spec.given(...created(), scheduled).when({ type: 'DeleteKey', now: ms(deleteDate, -1) }).thenRefused('Rejected.StateModifiedFailed', 409)
  spec.given(...created(), scheduled).when({ type: 'DeleteKey', now: deleteDate }).then({ type: 'KeyDeleted', data: { keyId, deletedAt: deleteDate } })
})

test('§5.4 a new key version is taken 7 days after the last exactly, and refused a millisecond before', () => {
  const rsa = created({ spec: 'RSA_2048', versionId: V1 })
  spec.given(...rsa).when({ type: 'CreateKeyVersion', now: ms(daysAfter(T0, 7), -1), versionId: V2 }).thenRefused('Rejected.UnsupportedOperation', 400)
  spec.given(...rsa).when({ type: 'CreateKeyVersion', now: daysAfter(T0, 7), versionId: V2 })
    .then({ type: 'KeyVersionCreated', data: { keyId, versionId: V2, createdAt: daysAfter(T0, 7) } })
})

test.run()
