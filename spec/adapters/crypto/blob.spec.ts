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
    'unknown format byte': edit((b) => { b[0] = 3; return b }),
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

const external = { ...blob, externalKeyId: 'ekm.key_1-A', sealed: { iv: Buffer.alloc(16, 3), tag: Buffer.alloc(16, 4), ciphertext: Buffer.from('ext'), metadata: Buffer.from('kv=2') } }

test('S-1.4: a format 2 blob round-trips its external key id, the proxy\'s metadata and a 16-byte IV; format 1 stays format 1', () => {
  const text = encodeBlob(external)
  assert.is(Buffer.from(text, 'base64')[0], 2)
  assert.is(Buffer.from(encodeBlob(blob), 'base64')[0], 1)
  const r = decodeBlob(text)
  if (E.isLeft(r)) return assert.unreachable(r.left.message)
  assert.equal(r.right, external)
  const noMeta = decodeBlob(encodeBlob({ ...external, sealed: { ...external.sealed, metadata: undefined } }))
  assert.ok(E.isRight(noMeta) && noMeta.right.sealed.metadata === undefined)
})

test('malformed format 2 blobs are InvalidCiphertext: bad external key id, metadata over 20 bytes, an IV of neither 12 nor 16', () => {
  const at = 2 + 20 + 1 + 36 // the external key id's length byte
  const good = Buffer.from(encodeBlob(external), 'base64')
  const edit = (f: (b: Buffer) => Buffer) => f(Buffer.from(good)).toString('base64')
  const cases: Record<string, string> = {
    'external key id outside the alphabet': edit((b) => { b[at + 1] = 0x21; return b }),
    'metadata length 21': encodeBlob({ ...external, sealed: { ...external.sealed, metadata: Buffer.alloc(21) } }),
    'IV of 13 bytes': encodeBlob({ ...external, sealed: { ...external.sealed, iv: Buffer.alloc(13) } }),
    'format 1 with a 16-byte IV': encodeBlob({ ...blob, sealed: { ...blob.sealed, iv: Buffer.alloc(16) } }),
    'cut after the external key id': good.subarray(0, at + 1 + 11).toString('base64'),
  }
  for (const [name, text] of Object.entries(cases)) {
    const r = decodeBlob(text)
    assert.ok(E.isLeft(r) && r.left.code === 'InvalidCiphertext', name)
  }
})

test('S-1.4: the AAD binds the external key: the same key, version and context under another external key differ', () => {
  const ctx = Buffer.from('ctx')
  const a = blobFormat.aad(blob.keyId, blob.versionId, ctx, 'ekm-1')
  assert.not.ok(a.equals(blobFormat.aad(blob.keyId, blob.versionId, ctx, 'ekm-2')))
  assert.not.ok(a.equals(blobFormat.aad(blob.keyId, blob.versionId, ctx)))
})

// The format 2 header up to the external key id's length byte, and what follows the external key id in a valid
// blob (metadata length 0, a 12-byte IV, the tag, the ciphertext): so each case below differs from a valid blob
// only in the external key id (docs/audit-format.md §2.2: 1-128 of A-Z a-z 0-9 - . _).
const externalHeader = Buffer.from(encodeBlob(external), 'base64').subarray(0, 2 + 20 + 1 + 36)
const afterExternalId = Buffer.concat([Buffer.from([0, 12]), Buffer.alloc(12, 3), Buffer.from([16]), Buffer.alloc(16, 4), Buffer.from('ct')])
const withExternalId = (length: number, id: Buffer): string => Buffer.concat([externalHeader, Buffer.from([length]), id, afterExternalId]).toString('base64')

test('mutation-found (issue 20), docs/audit-format.md §2.2: an external key id of 1 and of 128 characters and metadata of exactly 20 bytes are read back', () => {
  for (const id of ['e', 'e'.repeat(128)]) {
    const r = decodeBlob(withExternalId(id.length, Buffer.from(id)))
    if (E.isLeft(r)) return assert.unreachable(`${id.length} characters: ${r.left.message}`)
    assert.is(r.right.externalKeyId, id)
    assert.ok(r.right.sealed.ciphertext.equals(Buffer.from('ct')))
  }
  const twenty = { ...external, sealed: { ...external.sealed, metadata: Buffer.alloc(20, 9) } }
  const r = decodeBlob(encodeBlob(twenty))
  if (E.isLeft(r)) return assert.unreachable(r.left.message)
  assert.equal(r.right, twenty)
})

test('mutation-found (issue 20), docs/audit-format.md §2.2: a format 2 blob whose external key id is cut, overlong, empty, over 128 characters or not ASCII is InvalidCiphertext (400), never an exception', () => {
  assert.ok(afterExternalId.length < 200)
  const cases: Record<string, string> = {
    'cut inside the external key id': Buffer.concat([externalHeader, Buffer.from([11]), Buffer.from('ekm.k')]).toString('base64'),
    'length past the end (the bytes after it would read as a valid rest)': Buffer.concat([externalHeader, Buffer.from([200]), afterExternalId]).toString('base64'),
    'empty external key id': withExternalId(0, Buffer.alloc(0)),
    '129 characters': withExternalId(129, Buffer.from('e'.repeat(129))),
    'not ASCII (UTF-8 é)': withExternalId(6, Buffer.from('ekm-é', 'utf8')),
    'not ASCII (Latin-1 é)': withExternalId(5, Buffer.from('ekm-é', 'latin1')),
  }
  for (const [name, text] of Object.entries(cases)) {
    let r: ReturnType<typeof decodeBlob>
    try {
      r = decodeBlob(text)
    } catch (e) {
      return assert.unreachable(`${name}: threw ${String(e)}`)
    }
    assert.ok(E.isLeft(r) && r.left.code === 'InvalidCiphertext' && r.left.httpStatus === 400 && r.left.message.includes('The CiphertextBlob is malformed.'), name)
  }
})

test.run()
