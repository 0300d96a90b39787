import { test } from 'uvu'
import { defaultKeySlotDecider, type DefaultKeyReserved } from '../../../domain/key/index.ts'
import { deciderSpec } from '../../support/decider-spec.ts'

// S-1.2: one user-created default key per account and region, through the decider harness.

const spec = deciderSpec(defaultKeySlotDecider)
const where = { accountId: '1234567890123456', region: 'cn-hangzhou' }
const reserved = (keyId: string): DefaultKeyReserved => ({ type: 'DefaultKeyReserved', data: { ...where, keyId } })

test('S-1.2 an empty slot is reserved for the new default key', () => {
  spec.given().when({ ...where, keyId: 'key-1', releasedKeyId: null }).then(reserved('key-1'))
})

test('S-1.2 a region holding its default key refuses a second: Rejected.LimitExceeded', () => {
  spec.given(reserved('key-1')).when({ ...where, keyId: 'key-2', releasedKeyId: null }).thenRefused('Rejected.LimitExceeded', 400)
})

test('S-1.2 a deleted default key frees the slot, but only when the caller names that key', () => {
  spec.given(reserved('key-1')).when({ ...where, keyId: 'key-2', releasedKeyId: 'key-1' }).then(reserved('key-2'))
  spec.given(reserved('key-1'), reserved('key-3')).when({ ...where, keyId: 'key-2', releasedKeyId: 'key-1' }).thenRefused('Rejected.LimitExceeded')
})

test.run()
