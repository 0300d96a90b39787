import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { connect, type Socket } from 'node:net'
import { keyUsageStreamId } from '../../../domain/key/events.ts'
import { KEY_A, startTestServer } from '../../support/api-server.ts'
import { acs3Call, call } from '../../support/signed-request.ts'

// Issue 13, finding 6, as reproduced by the attacker, each now refused:
// - EncryptionContext strings with lone surrogates collapsed to U+FFFD, so {"t":"\ud800"} decrypted with "\udfff";
// - unsigned RPC v1 `x-acs-caller-*` headers forged the association labels (only ACS3, which signs them, counts);
// - a request that timed out was answered 400 ParseRequestParameterException (now 408 RequestTimeout);
// - there was no connection cap (now one in total and one per source address).

const app = await startTestServer({ config: { http: { headersTimeoutMs: 400, requestTimeoutMs: 800, maxConnections: 6, maxConnectionsPerIp: 4 } } })
const base = app.api.url
const api = (params: Record<string, string>, headers?: Record<string, string>) => call(base, KEY_A, params, headers ? { headers } : {})
const keyId = ((await api({ Action: 'CreateKey' })).body['KeyMetadata'] as { KeyId: string }).KeyId

test('finding 6: a lone surrogate in EncryptionContext is refused (400 InvalidParameter), so "\\ud800" can never open what "\\udfff" did', async () => {
  for (const ctx of ['{"t":"\\ud800"}', '{"t":"\\udfff"}', '{"\\ud800":"x"}', '{"t":"a\\udc00b"}']) {
    const r = await api({ Action: 'Encrypt', KeyId: keyId, Plaintext: 'aGk=', EncryptionContext: ctx })
    assert.is(r.status, 400, ctx)
    assert.is(r.body['Code'], 'InvalidParameter', ctx)
  }
  // A well-formed pair (U+1F600) and U+FFFD itself stay fine, and stay distinct.
  const ok = await api({ Action: 'Encrypt', KeyId: keyId, Plaintext: 'aGk=', EncryptionContext: '{"t":"\\ud83d\\ude00"}' })
  assert.is(ok.status, 200, JSON.stringify(ok.body))
  const wrong = await api({ Action: 'Decrypt', CiphertextBlob: ok.body['CiphertextBlob'] as string, EncryptionContext: '{"t":"\\ufffd"}' })
  assert.is(wrong.body['Code'], 'InvalidCiphertext')
  const right = await api({ Action: 'Decrypt', CiphertextBlob: ok.body['CiphertextBlob'] as string, EncryptionContext: '{"t":"😀"}' })
  assert.is(right.body['Plaintext'], 'aGk=')
})

const labels = async () => (await app.store.readStream(keyUsageStreamId(keyId)))
  .map((e) => e.data as { action: string; callerService: string | null; callerResource: string | null })
  .filter((d) => d.action === 'kms:Encrypt')
  .map((d) => `${d.callerService}|${d.callerResource}`)

test('finding 6: unsigned RPC v1 x-acs-caller-* headers label nothing; signed ACS3 ones do', async () => {
  const before = (await labels()).length
  const forged = await api({ Action: 'Encrypt', KeyId: keyId, Plaintext: 'aGk=' }, { 'x-acs-caller-service': 'ecs', 'x-acs-caller-resource': 'disk/forged' })
  assert.is(forged.status, 200)
  const signed = await acs3Call(base, KEY_A, 'Encrypt', { KeyId: keyId, Plaintext: 'aGk=' }, { 'x-acs-caller-service': 'oss', 'x-acs-caller-resource': 'bucket/b' })
  assert.is(signed.status, 200, JSON.stringify(signed.body))
  assert.equal((await labels()).slice(before), ['null|null', 'oss|bucket/b'])
})

const open = (): Promise<Socket> => new Promise((resolve, reject) => {
  const s = connect(app.api.port, '127.0.0.1', () => resolve(s))
  s.once('error', reject)
})
const answerOf = (s: Socket): Promise<string> => new Promise((resolve) => {
  let text = ''
  s.on('data', (d) => (text += d))
  s.on('close', () => resolve(text))
})
const codeIn = (raw: string) => ({ status: Number(raw.split(' ')[1]), code: JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))['Code'] })

test('finding 6: headers that never finish are answered 408 RequestTimeout, not 400', async () => {
  const s = await open()
  const answer = answerOf(s)
  s.write('POST / HTTP/1.1\r\nHost: x\r\n') // and nothing more
  assert.equal(codeIn(await answer), { status: 408, code: 'RequestTimeout' })
})

test('finding 6: connections past the per-address cap get 429 Rejected.Throttling at once; a freed slot serves again', async () => {
  const held = await Promise.all([open(), open(), open(), open()])
  const extra = await open()
  assert.equal(codeIn(await answerOf(extra)), { status: 429, code: 'Rejected.Throttling' })
  for (const s of held) s.destroy()
  await new Promise((r) => setTimeout(r, 50))
  assert.is((await api({ Action: 'DescribeRegions' })).status, 200)
})

test('finding 6: connections past the total cap get 503 ServiceUnavailableTemporary', async () => {
  // Two source addresses on loopback (127.0.0.1 and 127.0.0.2) so the total cap (6) is reached before either one's (4).
  const from = (localAddress: string): Promise<Socket> => new Promise((resolve, reject) => {
    const s = connect({ port: app.api.port, host: '127.0.0.1', localAddress }, () => resolve(s))
    s.once('error', reject)
  })
  const held = await Promise.all([from('127.0.0.1'), from('127.0.0.1'), from('127.0.0.1'), from('127.0.0.2'), from('127.0.0.2'), from('127.0.0.2')])
  assert.equal(codeIn(await answerOf(await from('127.0.0.2'))), { status: 503, code: 'ServiceUnavailableTemporary' })
  for (const s of held) s.destroy()
})

test.after(() => app.close())
test.run()
