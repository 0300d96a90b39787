import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { defaultKeyPolicy } from '../../domain/values/key-policy.ts'
import { ACCOUNT, cryptoFixture } from '../support/crypto-fixture.ts'
import { useCaseSpec } from '../support/use-case-spec.ts'

// Use cases through the application layer, as a request runs them: given a key and a caller, when a call, then
// the answer and the ActionInvoked it recorded (a refusal exactly once).

const f = cryptoFixture()
const spec = useCaseSpec(f)
const owner = { principal: `acs:ram::${ACCOUNT}:root`, accountId: ACCOUNT }
const ramUser = { principal: `acs:ram::${ACCOUNT}:user/bob`, accountId: ACCOUNT }
const plaintext = () => Buffer.from('hello')

test('§5.8 Encrypt by the key\'s owner: a ciphertext of the key\'s primary version, one ActionInvoked allowed', async () => {
  const key = await f.createKey({ policy: JSON.stringify(defaultKeyPolicy(ACCOUNT)) })
  const r = await spec.given(key).and(owner).when('Encrypt', (call) => f.crypto.encrypt(call, { keyId: key.keyId, plaintext: plaintext() }))
  r.thenAnswers((a) => {
    assert.is(a.keyId, key.keyId)
    assert.is(a.keyVersionId, key.primaryVersionId)
    assert.ok(a.ciphertextBlob.length > 0)
  }, [{ keyId: key.keyId, action: 'kms:Encrypt', outcome: 'allowed', errorCode: null, versionId: key.primaryVersionId! }])
})

test('S-5.3 Encrypt by a RAM user its account grants nothing: 403, recorded once as denied', async () => {
  const key = await f.createKey({ policy: JSON.stringify(defaultKeyPolicy(ACCOUNT)) })
  const r = await spec.given(key).and(ramUser).when('Encrypt', (call) => f.crypto.encrypt(call, { keyId: key.keyId, plaintext: plaintext() }))
  r.thenRefused('Forbidden.NoPermission', [{ keyId: key.keyId, action: 'kms:Encrypt', outcome: 'denied', errorCode: 'Forbidden.NoPermission' }])
})

test('S-6.2 Encrypt with a disabled key by its owner: Rejected.Disabled, recorded as denied', async () => {
  const key = await f.createKey({ policy: JSON.stringify(defaultKeyPolicy(ACCOUNT)) })
  await f.command(key.keyId, { type: 'DisableKey' })
  const r = await spec.given(key).and(owner).when('Encrypt', (call) => f.crypto.encrypt(call, { keyId: key.keyId, plaintext: plaintext() }))
  r.thenRefused('Rejected.Disabled', [{ keyId: key.keyId, action: 'kms:Encrypt', outcome: 'denied', errorCode: 'Rejected.Disabled' }])
})

test('§5.3 DescribeKey through the key-access step: the owner gets the key and nothing is recorded; a refusal is recorded once', async () => {
  const key = await f.createKey({ policy: JSON.stringify(defaultKeyPolicy(ACCOUNT)) })
  const allowed = await spec.given(key).and(owner).when('DescribeKey', (_call, keyAccess) => keyAccess(key.keyId, { alias: true }))
  allowed.thenAnswers((k) => assert.is(k.keyId, key.keyId), [])
  const refused = await spec.given(key).and(ramUser).when('DescribeKey', (_call, keyAccess) => keyAccess(key.keyId, { alias: true }))
  refused.thenRefused('Forbidden.NoPermission', [{ keyId: key.keyId, action: 'kms:DescribeKey', outcome: 'denied', errorCode: 'Forbidden.NoPermission' }])
})

test('§5.1 a key id that names no key: Forbidden.KeyNotFound for the owner, nothing recorded', async () => {
  const key = await f.createKey({ policy: JSON.stringify(defaultKeyPolicy(ACCOUNT)) })
  const r = await spec.given(key).and(owner).when('Encrypt', (call) => f.crypto.encrypt(call, { keyId: 'key-doesnotexist000000000', plaintext: plaintext() }))
  r.thenRefused('Forbidden.KeyNotFound', [])
})

test.after(() => f.close())
test.run()
