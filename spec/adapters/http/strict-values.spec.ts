import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { generateKeyPairSync } from 'node:crypto'
import { startTestServer, KEY_A } from '../../support/api-server.ts'
import { signedQuery } from '../../support/signed-request.ts'

// Issue 20, findings 3–5: values the wire decoders must refuse with a 400 and a stable code — prototype names
// given as booleans or enumerations (a plain-object lookup answers them), an unchecked KeySpec beside
// NumberOfBytes, a DER key with bytes after its end, an impossible calendar date, an untag key no tag could have.
// Each case also checks that nothing was stored by the refused request.

const app = await startTestServer()
const base = app.api.url
/** A signed request with its parameters in a form body (room for 50 KB values, which a query line has not). */
const send = async (params: Record<string, string>) => {
  const res = await fetch(`${base}/`, {
    method: 'POST', body: signedQuery(KEY_A, params), headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
const created = await send({ Action: 'CreateKey' })
const KEY = (created.body as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId
const blob = (await send({ Action: 'GenerateDataKeyWithoutPlaintext', KeyId: KEY })).body['CiphertextBlob'] as string
const spki = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' })

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'toString', 'isPrototypeOf', '__defineGetter__']

/** Given any request, when it is refused: a 400 InvalidParameter naming the field, and no new event stored. */
const refused = async (params: Record<string, string>, field: string) => {
  const before = (await app.store.readAll()).length
  const r = await send(params)
  const what = `${JSON.stringify(params).slice(0, 200)} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`
  assert.is(r.status, 400, what)
  assert.is(r.body['Code'], 'InvalidParameter', what)
  assert.ok(String(r.body['Message']).includes(field), `${what}: the message names ${field}`)
  // A refused call on a key may be audited (ActionInvoked, denied); it never changes the key's own stream.
  const after = await app.store.readAll()
  assert.ok(after.slice(before).every((e) => e.type === 'ActionInvoked'), `${what}: a refused request changed a key`)
}

test('finding 3: prototype names are not booleans (SetDeletionProtection, UpdateRotationPolicy, CreateKey)', async () => {
  for (const name of PROTOTYPE_NAMES) {
    await refused({ Action: 'SetDeletionProtection', KeyId: KEY, EnableDeletionProtection: name }, 'EnableDeletionProtection')
    await refused({ Action: 'UpdateRotationPolicy', KeyId: KEY, EnableAutomaticRotation: name, RotationInterval: '604800s' }, 'EnableAutomaticRotation')
    await refused({ Action: 'CreateKey', EnableAutomaticRotation: name }, 'EnableAutomaticRotation')
  }
})

test('finding 3: a prototype name is no report (GetComplianceReport answers 400, never 500)', async () => {
  for (const name of PROTOTYPE_NAMES) await refused({ Action: 'GetComplianceReport', ReportName: name }, 'ReportName')
  // Control: a defined report still answers.
  const ok = await send({ Action: 'GetComplianceReport', ReportName: 'no-rotation' })
  assert.is(ok.status, 200, JSON.stringify(ok.body))
})

test('finding 3: prototype names are not enumeration values (CreateKey KeySpec, KeyUsage, Origin, ProtectionLevel)', async () => {
  for (const name of PROTOTYPE_NAMES)
    for (const field of ['KeySpec', 'KeyUsage', 'Origin', 'ProtectionLevel']) await refused({ Action: 'CreateKey', [field]: name }, field)
})

test('finding 4: KeySpec is checked on every data key action, also beside NumberOfBytes', async () => {
  const bad = ['junk', 'aes_128', 'AES_256 ', '["AES_256"]', 'x'.repeat(50_000), '__proto__', 'toString']
  for (const keySpec of bad) {
    await refused({ Action: 'GenerateDataKey', KeyId: KEY, KeySpec: keySpec, NumberOfBytes: '32' }, 'KeySpec')
    await refused({ Action: 'GenerateDataKey', KeyId: KEY, KeySpec: keySpec }, 'KeySpec')
    await refused({ Action: 'GenerateDataKeyWithoutPlaintext', KeyId: KEY, KeySpec: keySpec, NumberOfBytes: '16' }, 'KeySpec')
    await refused({
      Action: 'GenerateAndExportDataKey', KeyId: KEY, KeySpec: keySpec, NumberOfBytes: '32',
      PublicKeyBlob: spki.toString('base64'), WrappingKeySpec: 'RSA_2048', WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
    }, 'KeySpec')
  }
  // Control: both defined specs, with and without NumberOfBytes, still answer.
  for (const KeySpec of ['AES_256', 'AES_128']) {
    assert.is((await send({ Action: 'GenerateDataKey', KeyId: KEY, KeySpec })).status, 200)
    assert.is((await send({ Action: 'GenerateDataKey', KeyId: KEY, KeySpec, NumberOfBytes: '24' })).status, 200)
  }
})

test('finding 5: a PublicKeyBlob with bytes after the SPKI DER is refused (ExportDataKey, GenerateAndExportDataKey)', async () => {
  const target = { WrappingKeySpec: 'RSA_2048', WrappingAlgorithm: 'RSAES_OAEP_SHA_256' }
  for (const tail of [Buffer.from([0]), Buffer.from('trailing'), spki]) {
    const PublicKeyBlob = Buffer.concat([spki, tail]).toString('base64')
    await refused({ Action: 'ExportDataKey', CiphertextBlob: blob, PublicKeyBlob, ...target }, 'PublicKeyBlob')
    await refused({ Action: 'GenerateAndExportDataKey', KeyId: KEY, PublicKeyBlob, ...target }, 'PublicKeyBlob')
  }
  // Control: the exact DER is taken.
  const ok = await send({ Action: 'ExportDataKey', CiphertextBlob: blob, PublicKeyBlob: spki.toString('base64'), ...target })
  assert.is(ok.status, 200, JSON.stringify(ok.body))
})

test('finding 5: At must be a real calendar instant (2025-02-30 is not 2 March)', async () => {
  for (const At of ['2025-02-30T00:00:00Z', '2025-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-04-31T00:00:00Z',
    '2024-01-01T24:00:01Z', '2024-01-01T00:60:00Z', '2024-01-01', '2024-01-01T00:00:00', '2024-01-01T00:00:00Zjunk'])
    await refused({ Action: 'GetComplianceReport', ReportName: 'no-rotation', At }, 'At')
  for (const At of ['2024-02-29T00:00:00Z', '2024-02-29T12:30:45.123Z', '2024-02-29T12:30:45+08:00']) {
    const r = await send({ Action: 'GetComplianceReport', ReportName: 'no-rotation', At })
    assert.is(r.status, 200, `${At}: ${JSON.stringify(r.body)}`)
  }
  const r = await send({ Action: 'GetComplianceReport', ReportName: 'no-rotation', At: '2024-02-29T12:30:45+08:00' })
  assert.is(r.body['At'], '2024-02-29T04:30:45.000Z')
})

test('finding 5: untag keys are validated like tag keys (UntagResource, UntagResources)', async () => {
  for (const TagKeys of ['["a<b"]', '["bad\\u0000key"]', '["ok","€"]', `["${'k'.repeat(129)}"]`, 'a;b', '[""]']) {
    await refused({ Action: 'UntagResource', KeyId: KEY, TagKeys }, 'TagKeys')
    await refused({ Action: 'UntagResources', RegionId: 'cn-hangzhou', ResourceId: `["${KEY}"]`, TagKeys, ResourceType: 'key' }, 'TagKeys')
  }
  // Control: a key a tag could have is taken, as JSON and as a comma list.
  assert.is((await send({ Action: 'UntagResource', KeyId: KEY, TagKeys: '["env","team:a"]' })).status, 200)
  assert.is((await send({ Action: 'UntagResource', KeyId: KEY, TagKeys: 'env, team:a' })).status, 200)
})

test.after(async () => {
  await app.close()
})

test.run()
