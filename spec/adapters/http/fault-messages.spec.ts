import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { Writable } from 'node:stream'
import pino from 'pino'
import { startApp } from '../../../composition/app.ts'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import { faultCause, internalFailure } from '../../../domain/errors.ts'
import { failure, GENERIC_5XX_MESSAGE } from '../../../adapters/http/wire/response.ts'
import { KEY_A, testConfig } from '../../support/api-server.ts'
import { $kms, kmsClient, popClient, sdkError } from '../../support/sdk-clients.ts'

// A server fault's own text (executor, vault, token CKR names, stream decoding) stays in the log, keyed by the
// request id; the caller gets the code and a generic message. 4xx messages are the caller's to read and stay.

const SECRET_TEXT = 'vault row key-x/v-1 unwrap failed: CKR_DEVICE_ERROR in /usr/lib/softhsm/libsofthsm2.so'

test('failure(): a 5xx message is generic on the wire and kept aside; a 4xx message is sent as is', () => {
  const fault = failure('req-1', 'host', internalFailure(SECRET_TEXT))
  assert.is(fault.body['Message'], GENERIC_5XX_MESSAGE)
  assert.is(fault.body['Code'], 'InternalFailure')
  assert.is(fault.internalMessage, SECRET_TEXT)
  const unavailable = failure('req-2', 'host', { code: 'ServiceUnavailable', httpStatus: 503, message: SECRET_TEXT })
  assert.is(unavailable.body['Message'], GENERIC_5XX_MESSAGE)
  const client = failure('req-3', 'host', { code: 'InvalidParameter', httpStatus: 400, message: 'The specified parameter "KeyId" is not valid.' })
  assert.is(client.body['Message'], 'The specified parameter "KeyId" is not valid.')
  assert.is(client.internalMessage, undefined)
})

test('failure(): a 5xx with a callerMessage sends those fixed words instead of the generic ones; its message stays for the log (issue 15)', () => {
  const e = { code: 'ServiceUnavailableTemporary', httpStatus: 503, message: SECRET_TEXT, callerMessage: 'The external key manager of this key is unavailable.' }
  const reply = failure('req-4', 'host', e)
  assert.equal([reply.status, reply.body['Message'], reply.internalMessage], [503, 'The external key manager of this key is unavailable.', SECRET_TEXT])
})

test('over HTTP: the caller never sees the fault text; the log has it with the request id', async () => {
  const lines: string[] = []
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done() } })
  const app = await startApp(testConfig(), {
    store: new MemoryEventStore(), logger: pino({ level: 'info' }, sink),
    actions: { DescribeRegions: async () => E.left(internalFailure(SECRET_TEXT)) },
  })
  try {
    const err = await sdkError(popClient(app.api.port, KEY_A).request('DescribeRegions', {}, { method: 'POST' }))
    assert.is(err.data['Code'], 'InternalFailure')
    assert.is(err.data['Message'], GENERIC_5XX_MESSAGE)
    assert.not.ok(JSON.stringify(err.data).includes('CKR_'), 'no internal text on the wire')
    const requestId = err.data['RequestId'] as string
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l['requestId'] === requestId && l['status'] === 500)
    assert.ok(logged, 'the fault is logged under the request id')
    assert.is(logged['internal'], SECRET_TEXT)
  } finally {
    await app.close()
  }
})

test('a closed vault: its failure reason (the SQLite text) is in the log, not in the answer', async () => {
  // given a server whose key was created, and whose vault was then closed under it
  const lines: string[] = []
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done() } })
  const app = await startApp(testConfig(), { store: new MemoryEventStore(), logger: pino({ level: 'info' }, sink) })
  try {
    const kms = kmsClient(app.api.port, KEY_A)
    const keyId: string = (await kms.createKey(new $kms['CreateKeyRequest']!({}))).keyMetadata.keyId
    await app.crypto.close()
    // when the key is used
    const err = await sdkError(popClient(app.api.port, KEY_A).request('Encrypt', { KeyId: keyId, Plaintext: 'aGVsbG8=' }, { method: 'POST' }))
    // then the caller gets InternalFailure and the generic text; the log says what failed and why
    assert.is(err.data['Code'], 'InternalFailure')
    assert.is(err.data['Message'], GENERIC_5XX_MESSAGE)
    assert.not.ok(JSON.stringify(err.data).includes('database'), 'no internal text on the wire')
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l['requestId'] === err.data['RequestId'] && l['status'] === 500)
    assert.ok(logged, 'the fault is logged under the request id')
    assert.match(String(logged['internal']), `The crypto operation on ${keyId}/`)
    assert.match(String(logged['internal']), 'The database connection is not open')
  } finally {
    await app.close()
  }
})

test('faultCause: an exception text keeps its words, never a run of hex or Base64 (the shape of key bytes)', () => {
  const key = Buffer.alloc(32, 0xab)
  const cause = faultCause(new Error(`bad key ${key.toString('hex')} / ${key.toString('base64')}: SQLITE_BUSY`))
  assert.not.ok(cause.includes(key.toString('hex')) || cause.includes(key.toString('base64')), cause)
  assert.match(cause, 'SQLITE_BUSY')
  assert.is(faultCause(new Error('a word '.repeat(200))).length <= 301, true)
})

test.run()
