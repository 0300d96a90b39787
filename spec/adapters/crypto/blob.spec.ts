import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { blobFormat, decodeBlob, encodeBlob } from '../../../adapters/crypto/blob.ts'

const blob = { keyId: 'key-abcdefgh12345678', versionId: '00000000-0000-4000-8000-000000000001', sealed: { iv: Buffer.alloc(12, 1), tag: Buffer.alloc(16, 2), ciphertext: Buffer.from('ct') } }

test('a blob decodes to the key id, version id, IV, tag and ciphertext it was made from', () => {
  const r = decodeBlob(encodeBlob(blob))
  assert.ok(E.isRight(r))
  if (E.isRight(r)) {
    assert.is(r.right.keyId, blob.keyId)
    assert.is(r.right.versionId, blob.versionId)
    assert.ok(r.right.sealed.iv.equals(blob.sealed.iv) && r.right.sealed.tag.equals(blob.sealed.tag) && r.right.sealed.ciphertext.equals(blob.sealed.ciphertext))
  }
})

test('malformed blobs are InvalidCiphertext (400), never an exception', () => {
  const good = Buffer.from(encodeBlob(blob), 'base64')
  const edit = (f: (b: Buffer) => Buffer) => f(Buffer.from(good)).toString('base64')
  const cases: Record<string, string> = {
    empty: '',
    'not Base64': '!!!!',
    'Base64 without padding': encodeBlob(blob).replace(/=+$/, '') + 'A',
    'unknown format byte': edit((b) => { b[0] = 2; return b }),
    truncated: good.subarray(0, 30).toString('base64'),
    'key id length past the end': edit((b) => { b[1] = 250; return b }),
    'not a key id': edit((b) => { b[2] = 0x41; return b }),
    'version id not a UUID': edit((b) => { b[3 + 20 + 1] = 0x7a; return b }),
    'wrong IV length': edit((b) => { b[2 + 20 + 1 + 36] = 16; return b }),
    'only the header': good.subarray(0, 2 + 20 + 1 + 36).toString('base64'),
  }
  for (const [name, text] of Object.entries(cases)) {
    const r = decodeBlob(text)
    assert.ok(E.isLeft(r) && r.left.code === 'InvalidCiphertext' && r.left.httpStatus === 400, name)
  }
  assert.ok(E.isLeft(decodeBlob(undefined as unknown as string)))
})

test('mutation-found (issue 20): a blob cut inside its tag is malformed, not a shorter tag (a short tag would weaken GCM\'s check)', () => {
  const good = Buffer.from(encodeBlob(blob), 'base64')
  const tagStart = 2 + 20 + 1 + 36 + 1 + 12 + 1
  for (const cut of [tagStart, tagStart + 1, tagStart + 15]) {
    const r = decodeBlob(good.subarray(0, cut).toString('base64'))
    assert.ok(E.isLeft(r) && r.left.code === 'InvalidCiphertext', `cut at ${cut}`)
  }
})

test('mutation-found: a blob whose tag ends exactly at the end (an empty plaintext) decodes, with an empty ciphertext', () => {
  const r = decodeBlob(encodeBlob({ ...blob, sealed: { ...blob.sealed, ciphertext: Buffer.alloc(0) } }))
  assert.ok(E.isRight(r))
  if (E.isRight(r)) {
    assert.is(r.right.sealed.ciphertext.length, 0)
    assert.ok(r.right.sealed.tag.equals(blob.sealed.tag))
  }
})

test('mutation-found: the refusal says what is wrong, and a non-string (a JSON number that looks like Base64) is refused, not thrown', () => {
  const r = decodeBlob('!!!!')
  assert.ok(E.isLeft(r) && r.left.message.includes('The CiphertextBlob is malformed.'))
  for (const v of [1234, 12345678, null, {}]) assert.ok(E.isLeft(decodeBlob(v as unknown as string)), JSON.stringify(v))
})

test('the AAD binds the header: another key or version gives different AAD for the same context', () => {
  const ctx = Buffer.from('ctx')
  const a = blobFormat.aad(blob.keyId, blob.versionId, ctx)
  assert.not.ok(a.equals(blobFormat.aad('key-abcdefgh12345679', blob.versionId, ctx)))
  assert.not.ok(a.equals(blobFormat.aad(blob.keyId, '00000000-0000-4000-8000-000000000002', ctx)))
})

test.run()
