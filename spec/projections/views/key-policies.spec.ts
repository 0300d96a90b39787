import { test } from 'uvu'
import { keyPoliciesView, POLICY_HISTORY, POLICY_KEYS } from '../../../projections/views/key-policies.ts'
import { keyStreamId } from '../../../domain/key/index.ts'
import { created, KEY_ID, T0 } from '../../support/key-given.ts'
import { projectionSpec, type Fact } from '../../support/projection-spec.ts'

// The key-policies view the quota gate reads (S-5.4), through the projection harness: given events, then rows.

const spec = projectionSpec(keyPoliciesView)
const onKey = (e: { type: string; data: unknown }, at?: string): Fact => ({ streamId: keyStreamId(KEY_ID), ...e, ...(at ? { at } : {}) })
const [keyCreated] = created({ instanceId: 'kst-shared01', policy: '{"Version":"1","Statement":[]}' })
const grant = '{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"RAM":["acs:ram::9999888877776666:root"]},"Action":["kms:Encrypt"],"Resource":["*"]}]}'

test('S-5.4 a created key counts against its instance\'s pool, with its first policy in the history', () => {
  spec.given(onKey(keyCreated!, T0)).then(POLICY_KEYS, [{ key_id: KEY_ID, pool: 'kst-shared01', owner_account_id: '1234567890123456' }])
  spec.given(onKey(keyCreated!, T0)).then(POLICY_HISTORY, [{ key_id: KEY_ID, position: 1, policy: '{"Version":"1","Statement":[]}', occurred_at: T0 }])
})

test('S-5.4 every policy change is kept in order; a deleted key leaves a null policy (its grants are withdrawn)', () => {
  spec.given(
    onKey(keyCreated!, T0),
    onKey({ type: 'KeyPolicyUpdated', data: { keyId: KEY_ID, policy: grant } }, '2026-01-02T00:00:00.000Z'),
    onKey({ type: 'KeyDeleted', data: { keyId: KEY_ID, deletedAt: '2026-02-01T00:00:00.000Z' } }, '2026-02-01T00:00:00.000Z'),
  ).then(POLICY_HISTORY, [
    { key_id: KEY_ID, position: 1, policy: '{"Version":"1","Statement":[]}', occurred_at: T0 },
    { key_id: KEY_ID, position: 2, policy: grant, occurred_at: '2026-01-02T00:00:00.000Z' },
    { key_id: KEY_ID, position: 3, policy: null, occurred_at: '2026-02-01T00:00:00.000Z' },
  ])
})

test('S-5.4 the region\'s default key has no instance: it counts in its account\'s default-key pool', () => {
  const [defaultKey] = created({ kind: 'default', instanceId: null })
  spec.given(onKey(defaultKey!, T0)).then(POLICY_KEYS, [{ key_id: KEY_ID, pool: 'default-key:1234567890123456', owner_account_id: '1234567890123456' }])
})

test('events of other views\' interest write no policy rows', () => {
  spec.given(onKey({ type: 'KeyDisabled', data: { keyId: KEY_ID } })).then(POLICY_HISTORY, [])
})

test.run()
