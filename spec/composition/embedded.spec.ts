import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { openKeyledger, KeyledgerError, type Keyledger } from '../../composition/embedded.ts'

// Issue 17, item 1 (the embeddable engine) and item 2 (idempotent writes, embedded): the engine opened in-process on
// a SQLite data dir; each call names its principal and passes the HTTP API's authorization and audit.

const ACCOUNT = '1234567890123456'
const ROOT = `acs:ram::${ACCOUNT}:root`
const ALICE = `acs:ram::${ACCOUNT}:user/alice`
const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-embedded-'))
const open = () => openKeyledger({ dataDir, accountId: ACCOUNT, scheduler: false, logger: pino({ level: 'silent' }), env: {} })
let kl: Keyledger = await open()

const refusal = async (p: Promise<unknown>): Promise<KeyledgerError> => {
  try {
    await p
  } catch (e) {
    if (e instanceof KeyledgerError) return e
    throw e
  }
  throw new Error('the call succeeded')
}
const keyCount = async () => Number((await kl.listKeys(ROOT, { PageSize: 100 }))['TotalCount'])

test('issue 17 item 1: given an engine, when the account root creates a key, encrypts and decrypts, then the plaintext comes back and the audit shows each call', async () => {
  const created = await kl.createKey(ROOT, { Description: 'embedded' })
  const keyId = created.KeyMetadata.KeyId
  assert.is(created.KeyMetadata.KeyState, 'Enabled')
  const sealed = await kl.encrypt(ROOT, keyId, 'hello', { app: 'spec' })
  const opened = await kl.decrypt(ROOT, sealed.CiphertextBlob, { app: 'spec' })
  assert.is(Buffer.from(opened.Plaintext, 'base64').toString(), 'hello')
  const history = await kl.keyHistory(ROOT, keyId)
  const types = history.Events.Event.map((e) => e.Type)
  assert.ok(types.includes('KeyCreated'), types.join(' '))
  assert.ok(history.Events.Event.some((e) => e.Type === 'ActionInvoked' && e.RequestId === sealed.RequestId), 'Encrypt recorded with its request id')
  assert.ok(history.Events.Event.some((e) => e.Type === 'ActionInvoked' && e.RequestId === opened.RequestId), 'Decrypt recorded with its request id')
  assert.ok(history.Events.Event.every((e) => e.Principal === ROOT))
})

test('issue 17 item 1: the same authorization as HTTP: a RAM user without a grant is refused, and the refusal is audited on the key', async () => {
  const keyId = (await kl.createKey(ROOT)).KeyMetadata.KeyId
  const denied = await refusal(kl.encrypt(ALICE, keyId, 'x'))
  assert.is(denied.httpStatus, 403)
  const history = await kl.keyHistory(ROOT, keyId)
  const record = history.Events.Event.find((e) => e.RequestId === denied.requestId)
  assert.ok(record, 'the refusal is in the key history')
  assert.is(record.Type, 'ActionInvoked')
  assert.match(record.Detail, /^kms:Encrypt denied/)
  assert.is(record.Principal, ALICE)
  assert.is((await refusal(kl.createKey('not-an-arn'))).code, 'InvalidParameter')
})

test('issue 17 item 2: embedded, a CreateKey retried with its client token returns the first answer and makes one key', async () => {
  const before = await keyCount()
  const first = await kl.createKey(ROOT, { Description: 'once' }, { clientToken: 'emb-1' })
  const again = await kl.createKey(ROOT, { Description: 'once' }, { clientToken: 'emb-1' })
  assert.is(again.KeyMetadata.KeyId, first.KeyMetadata.KeyId)
  assert.is(again.RequestId, first.RequestId)
  assert.is(await keyCount(), before + 1)
  const other = await refusal(kl.createKey(ROOT, { Description: 'twice' }, { clientToken: 'emb-1' }))
  assert.equal([other.code, other.httpStatus], ['IdempotentParameterMismatch', 409])
  // another caller's token is its own
  assert.is((await refusal(kl.createKey(ALICE, { Description: 'once' }, { clientToken: 'emb-1' }))).httpStatus, 403)
})

test('issue 17 item 2: embedded, after a restart the retry still returns the first answer', async () => {
  const first = await kl.createKey(ROOT, { Description: 'restart' }, { clientToken: 'emb-restart' })
  await kl.close()
  kl = await open()
  const before = await keyCount()
  const again = await kl.createKey(ROOT, { Description: 'restart' }, { clientToken: 'emb-restart' })
  assert.equal([again.KeyMetadata.KeyId, again.RequestId], [first.KeyMetadata.KeyId, first.RequestId])
  assert.is(await keyCount(), before)
})

test.after(async () => {
  await kl.close()
  rmSync(dataDir, { recursive: true, force: true })
})

test.run()
