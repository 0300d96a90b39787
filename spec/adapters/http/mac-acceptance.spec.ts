import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openApiClient, popClient, sdkError } from '../../support/sdk-clients.ts'
import { startServerProcess } from '../../support/server-process.ts'
import { freshToken, hsmTest, PIN, softhsmAvailable } from '../../support/softhsm.ts'

// HMAC keys through the HTTP API (issue 15 item 4; API reference §1.3 GenerateMac/VerifyMac, 3.x only, so driven
// by the official generic RPC client pop-core): `keyledger serve` in its own process with a software instance
// and a hardware instance on a fresh SoftHSM token.

const ACCOUNT = '1234567890123456'
const SOFT = 'kst-hzz62ee817bvyyr5x0mac'
const HSM = 'kst-hzz62ee817bvyyr5xhmac'
const KEY = { id: 'macAcceptanceKey', secret: 'mac-acceptance-secret-0001' }
const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-mac-acceptance-'))
const token = softhsmAvailable ? freshToken('kms-mac') : undefined
const server = await startServerProcess(dataDir, {
  listen: '127.0.0.1:0', accountId: ACCOUNT, region: 'cn-hangzhou',
  instances: [
    { instanceId: SOFT, kind: 'software', default: true },
    ...(token ? [{ instanceId: HSM, kind: 'hardware', pkcs11: { modulePath: token.config.modulePath, tokenLabel: token.config.tokenLabel, pinEnv: 'KMS_SPEC_HSM_PIN' } }] : []),
  ],
  accessKeys: [{ accessKeyId: KEY.id, accessKeySecret: KEY.secret }],
  store: { type: 'sqlite' },
}, { KMS_SPEC_HSM_PIN: PIN })
const pop = popClient(server.port, KEY)
const post = (action: string, params: Record<string, unknown>) => pop.request(action, params, { method: 'POST' })
const b64 = (s: string) => Buffer.from(s).toString('base64')

const macRoundTrip = async (instanceId: string) => {
  // given an HMAC_SHA256 key made for GENERATE/VERIFY_MAC
  const created = await post('CreateKey', { DKMSInstanceId: instanceId, KeySpec: 'HMAC_SHA256', KeyUsage: 'GENERATE/VERIFY_MAC' })
  const keyId = created.KeyMetadata.KeyId as string
  assert.is(created.KeyMetadata.KeySpec, 'HMAC_SHA256')
  assert.is(created.KeyMetadata.KeyUsage, 'GENERATE/VERIFY_MAC')
  // when it MACs a message, then the MAC is 32 bytes, deterministic, and verifies
  const g = await post('GenerateMac', { KeyId: keyId, Algorithm: 'HMAC_SHA_256', Message: b64('pay 10 to alice') })
  assert.is(g.KeyId, keyId)
  assert.is(g.Algorithm, 'HMAC_SHA_256')
  assert.is(Buffer.from(g.Mac, 'base64').length, 32)
  const again = await post('GenerateMac', { KeyId: keyId, Algorithm: 'HMAC_SHA_256', Message: b64('pay 10 to alice') })
  assert.is(again.Mac, g.Mac)
  const ok = await post('VerifyMac', { KeyId: keyId, Algorithm: 'HMAC_SHA_256', Message: b64('pay 10 to alice'), Mac: g.Mac })
  assert.is(ok.Value, true)
  // and a changed message or a changed MAC does not verify
  const otherMessage = await post('VerifyMac', { KeyId: keyId, Algorithm: 'HMAC_SHA_256', Message: b64('pay 99 to alice'), Mac: g.Mac })
  assert.is(otherMessage.Value, false)
  const flipped = Buffer.from(g.Mac, 'base64')
  flipped[31] = flipped[31]! ^ 1
  const otherMac = await post('VerifyMac', { KeyId: keyId, Algorithm: 'HMAC_SHA_256', Message: b64('pay 10 to alice'), Mac: flipped.toString('base64') })
  assert.is(otherMac.Value, false)
  const short = await post('VerifyMac', { KeyId: keyId, Algorithm: 'HMAC_SHA_256', Message: b64('pay 10 to alice'), Mac: flipped.subarray(0, 16).toString('base64') })
  assert.is(short.Value, false)
  return keyId
}

test('software instance: GenerateMac/VerifyMac with an HMAC_SHA256 key (issue 15 item 4)', async () => {
  await macRoundTrip(SOFT)
})

hsmTest('hardware instance (SoftHSM, CKM_SHA256_HMAC): GenerateMac/VerifyMac with an HMAC_SHA256 key', async () => {
  await macRoundTrip(HSM)
})

// Issue 15 "Done when": GenerateMac/VerifyMac are 3.x-only actions, so a 3.x user calls them through the 3.x
// runtime (@alicloud/openapi-core: ACS3-HMAC-SHA256 signature, form body), not only through pop-core (RPC v1).
const v3 = openApiClient(server.port, KEY)
const macThroughTheThreeXRuntime = async (instanceId: string) => {
  // given an HMAC_SHA256 key created through the 3.x runtime
  const created = await v3('CreateKey', { DKMSInstanceId: instanceId, KeySpec: 'HMAC_SHA256', KeyUsage: 'GENERATE/VERIFY_MAC' })
  const keyId = created.KeyMetadata.KeyId as string
  assert.is(created.KeyMetadata.DKMSInstanceId, instanceId)
  // when the 3.x runtime asks GenerateMac, then the MAC is the one the RPC v1 client gets for the same message
  const g = await v3('GenerateMac', { KeyId: keyId, Algorithm: 'HMAC_SHA_256', Message: b64('invoice 42') })
  assert.equal([g.KeyId, g.Algorithm, Buffer.from(g.Mac, 'base64').length], [keyId, 'HMAC_SHA_256', 32])
  assert.is((await post('GenerateMac', { KeyId: keyId, Algorithm: 'HMAC_SHA_256', Message: b64('invoice 42') })).Mac, g.Mac)
  // and VerifyMac through it answers true for that MAC, false for another message, and refuses an AES key
  assert.is((await v3('VerifyMac', { KeyId: keyId, Algorithm: 'HMAC_SHA_256', Message: b64('invoice 42'), Mac: g.Mac })).Value, true)
  assert.is((await v3('VerifyMac', { KeyId: keyId, Algorithm: 'HMAC_SHA_256', Message: b64('invoice 43'), Mac: g.Mac })).Value, false)
  const wrong = await sdkError(v3('GenerateMac', { KeyId: keyId, Algorithm: 'HMAC_SM3', Message: b64('x') }))
  assert.is(wrong.data['Code'], 'InvalidParameter')
}

test('issue 15 item 4: software instance, GenerateMac/VerifyMac through the 3.x SDK runtime (@alicloud/openapi-core, ACS3)', async () => {
  await macThroughTheThreeXRuntime(SOFT)
})

hsmTest('issue 15 item 4: hardware instance (SoftHSM), GenerateMac/VerifyMac through the 3.x SDK runtime (@alicloud/openapi-core, ACS3)', async () => {
  await macThroughTheThreeXRuntime(HSM)
})

test('an HMAC key only makes MACs: Encrypt refused; wrong Algorithm InvalidParameter; an AES key makes no MAC; HMAC keys take only GENERATE/VERIFY_MAC', async () => {
  const keyId = (await post('CreateKey', { KeySpec: 'HMAC_SHA256', KeyUsage: 'GENERATE/VERIFY_MAC' })).KeyMetadata.KeyId as string
  const enc = await sdkError(post('Encrypt', { KeyId: keyId, Plaintext: b64('x') }))
  assert.match(enc.code, /UnsupportedOperation/)
  const alg = await sdkError(post('GenerateMac', { KeyId: keyId, Algorithm: 'HMAC_SHA_512', Message: b64('x') }))
  assert.match(alg.code, /InvalidParameter/)
  const aes = (await post('CreateKey', { KeySpec: 'Aliyun_AES_256' })).KeyMetadata.KeyId as string
  const noMac = await sdkError(post('GenerateMac', { KeyId: aes, Algorithm: 'HMAC_SHA_256', Message: b64('x') }))
  assert.match(noMac.code, /UnsupportedOperation/)
  const usage = await sdkError(post('CreateKey', { KeySpec: 'HMAC_SHA256', KeyUsage: 'ENCRYPT/DECRYPT' }))
  assert.match(usage.code, /InvalidParameter/)
  const missing = await sdkError(post('GenerateMac', { KeyId: keyId, Algorithm: 'HMAC_SHA_256' }))
  assert.match(missing.code, /Missing|InvalidParameter/)
})

test('software instance: an HMAC_SM3 key MACs with HMAC_SM3; tampered message false; HMAC_SHA_256 on it and HMAC_SM3 on an HMAC_SHA256 key refused (issue 15 item 4)', async () => {
  // given an HMAC_SM3 key (API reference §5.7) on the software instance
  const created = await post('CreateKey', { DKMSInstanceId: SOFT, KeySpec: 'HMAC_SM3', KeyUsage: 'GENERATE/VERIFY_MAC' })
  const keyId = created.KeyMetadata.KeyId as string
  assert.is(created.KeyMetadata.KeySpec, 'HMAC_SM3')
  assert.is(created.KeyMetadata.KeyUsage, 'GENERATE/VERIFY_MAC')
  // when it MACs a message with HMAC_SM3, then the 32-byte MAC is deterministic and verifies
  const g = await post('GenerateMac', { KeyId: keyId, Algorithm: 'HMAC_SM3', Message: b64('pay 10 to alice') })
  assert.is(g.Algorithm, 'HMAC_SM3')
  assert.is(Buffer.from(g.Mac, 'base64').length, 32)
  assert.is((await post('GenerateMac', { KeyId: keyId, Algorithm: 'HMAC_SM3', Message: b64('pay 10 to alice') })).Mac, g.Mac)
  assert.is((await post('VerifyMac', { KeyId: keyId, Algorithm: 'HMAC_SM3', Message: b64('pay 10 to alice'), Mac: g.Mac })).Value, true)
  // and a tampered message does not verify
  assert.is((await post('VerifyMac', { KeyId: keyId, Algorithm: 'HMAC_SM3', Message: b64('pay 99 to alice'), Mac: g.Mac })).Value, false)
  // and the wrong algorithm for either HMAC spec is InvalidParameter
  const wrong = await sdkError(post('GenerateMac', { KeyId: keyId, Algorithm: 'HMAC_SHA_256', Message: b64('x') }))
  assert.match(wrong.code, /InvalidParameter/)
  const wrongVerify = await sdkError(post('VerifyMac', { KeyId: keyId, Algorithm: 'HMAC_SHA_256', Message: b64('pay 10 to alice'), Mac: g.Mac }))
  assert.match(wrongVerify.code, /InvalidParameter/)
  const sha = (await post('CreateKey', { DKMSInstanceId: SOFT, KeySpec: 'HMAC_SHA256', KeyUsage: 'GENERATE/VERIFY_MAC' })).KeyMetadata.KeyId as string
  const crossed = await sdkError(post('GenerateMac', { KeyId: sha, Algorithm: 'HMAC_SM3', Message: b64('x') }))
  assert.match(crossed.code, /InvalidParameter/)
})

hsmTest('hardware instance: CreateKey refuses HMAC_SM3 (the PKCS#11 token has no SM3 HMAC) with InvalidParameter (S-2.3)', async () => {
  const refused = await sdkError(post('CreateKey', { DKMSInstanceId: HSM, KeySpec: 'HMAC_SM3', KeyUsage: 'GENERATE/VERIFY_MAC' }))
  assert.match(refused.code, /InvalidParameter/)
  assert.match(String(refused.data.Message), /S-2\.3/, String(refused.data.Message))
})

test('a disabled HMAC key makes no MAC', async () => {
  const keyId = (await post('CreateKey', { KeySpec: 'HMAC_SHA256', KeyUsage: 'GENERATE/VERIFY_MAC' })).KeyMetadata.KeyId as string
  await post('DisableKey', { KeyId: keyId })
  const off = await sdkError(post('GenerateMac', { KeyId: keyId, Algorithm: 'HMAC_SHA_256', Message: b64('x') }))
  assert.match(off.code, /Disabled|KeyState/)
})

test.after(async () => {
  await server.stop()
  token?.remove()
  rmSync(dataDir, { recursive: true, force: true })
})
test.run()
