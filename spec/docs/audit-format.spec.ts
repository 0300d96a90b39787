import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { blobFormat, decodeBlob, encodeBlob } from '../../adapters/crypto/blob.ts'
import { aesGcmOpen } from '../../adapters/crypto/software/symmetric.ts'
import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import { canonicalJson, GENESIS_HASH, hashEvent, sealEvents } from '../../domain/events/hash-chain.ts'
import { canonicalEncryptionContext } from '../../domain/values/encryption-context.ts'
import { verifyChains, verifyStream, type StreamHead } from '../../projections/audit/verify.ts'

// Known answers an outsider can recompute (docs/audit-format.md): the page's vectors are read from the page
// itself, recomputed by the code AND by the page's own shell commands, so neither the code nor the page can
// change alone. These pin the bytes of the audit chain and of the ciphertext blob: a format change fails here
// first, and must ship with its migration (README, "Data outlives code").

const DOC = readFileSync(fileURLToPath(new URL('../../docs/audit-format.md', import.meta.url)), 'utf8')
const blocks = (info: string): string[] => [...DOC.matchAll(new RegExp('```' + info + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!)
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
const sh = (command: string) => spawnSync('sh', ['-c', command], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } })

const events = blocks('json audit-vector').map((b) => ({ ...JSON.parse(b), position: 0 }) as RecordedEvent)
const hashLines = blocks('sh audit-vector').map((b) => {
  const [command, answer] = b.trim().split('\n') as [string, string]
  const input = /^printf '%s' '(.*)' \| sha256sum$/.exec(command)![1]!
  return { command, input, hash: /^# sha256 ([0-9a-f]{64})$/.exec(answer)![1]! }
})
const withoutHash = (e: RecordedEvent) => {
  const { hash: _hash, ...metadata } = e.metadata
  return { streamId: e.streamId, revision: e.revision, eventId: e.eventId, type: e.type, data: e.data, metadata }
}

test('docs/audit-format.md §1.4 has vectors: four events, each with its hash input and hash', () => {
  assert.is(events.length, 4)
  assert.is(hashLines.length, 4)
})

test('given each vector event, when hashed by the code, then the hash is the one the page states (§1.2)', () => {
  events.forEach((e, i) => {
    assert.is(hashEvent(e), hashLines[i]!.hash, `${e.streamId}@${e.revision}`)
    assert.is(e.metadata.hash, hashLines[i]!.hash)
  })
})

test('given each vector event, then its hash input is the canonical JSON the page prints, and SHA-256 of those UTF-8 bytes is its hash (§1.2)', () => {
  events.forEach((e, i) => {
    assert.is(canonicalJson(withoutHash(e)), hashLines[i]!.input, `${e.streamId}@${e.revision}`)
    assert.is(sha256(hashLines[i]!.input), hashLines[i]!.hash)
  })
  assert.ok(hashLines[0]!.input.includes('Schlüssel für Zahlungen — 支付'), 'non-ASCII is written as UTF-8, not \\u-escaped')
  assert.ok(hashLines[1]!.input.includes('"rotation":{"enabled":true,"intervalSeconds":2592000}'), 'members sorted at every depth')
  assert.ok(hashLines.every((h) => h.input.startsWith('{"data":') && /,"revision":\d+,"streamId":"[^"]+","type":"[^"]+"}$/.test(h.input)), 'top level order')
})

test('canonical JSON follows the rules the page lists: sorted at every depth, index-like names first, escapes, UTF-8 as is, no whitespace (§1.2)', () => {
  assert.is(canonicalJson({ b: 1, a: { x: 3, B: 5, '01': 4, '10': 1, '9': 2 } }), '{"a":{"9":2,"10":1,"01":4,"B":5,"x":3},"b":1}')
  assert.is(canonicalJson({ s: '"\\\b\f\n\r\t\x01\x1f\x7f\ud800é—支😀' }), '{"s":"\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\\ud800é—支😀"}')
  assert.is(canonicalJson({ n: null, u: undefined, a: [3, 1, { z: 1, y: 2 }], i: 2592000 }), '{"a":[3,1,{"y":2,"z":1}],"i":2592000,"n":null}')
})

test("when a reader runs the page's own printf | sha256sum lines, then they print the stated hashes", () => {
  for (const h of hashLines) {
    const r = sh(h.command)
    assert.is(r.status, 0, r.stderr)
    assert.is(r.stdout.trim(), `${h.hash}  -`)
  }
})

test('the hash binds the stream id: the same event in another stream has another hash, and audit verify reports it altered (§1.2)', () => {
  const e = events[2]!
  const moved = { ...e, streamId: 'key-key-otherkey000000000000001' }
  assert.is.not(hashEvent(moved), hashEvent(e))
  assert.is(verifyStream(moved.streamId, [{ ...events[0]!, streamId: moved.streamId }])?.kind, 'altered')
})

test('the hash binds the revision: the same event at another revision has another hash (§1.2)', () => {
  const e = events[2]!
  for (const revision of [0, 1, 3]) assert.is.not(hashEvent({ ...e, revision }), hashEvent(e), `revision ${revision}`)
  // Re-numbered so the revisions still run 0, 1 (the first event dropped): only the hash can tell.
  const renumbered = [{ ...events[1]!, revision: 0, metadata: { ...events[1]!.metadata, prevHash: GENESIS_HASH } }]
  assert.is(verifyStream(renumbered[0]!.streamId, renumbered)?.kind, 'altered')
})

test('the hash binds every other member: event id, type, data, metadata and prevHash (§1.2)', () => {
  const e = events[1]!
  const variants: Record<string, RecordedEvent> = {
    eventId: { ...e, eventId: '00000000-0000-4000-8000-0000000e0009' },
    type: { ...e, type: 'RotationPolicyUpdatedX' },
    data: { ...e, data: { keyId: 'key-auditvectors0000000001', rotation: { enabled: false, intervalSeconds: 2592000 } } },
    principal: { ...e, metadata: { ...e.metadata, principal: 'acs:ram::1234567890123456:user/mallory' } },
    prevHash: { ...e, metadata: { ...e.metadata, prevHash: GENESIS_HASH } },
  }
  for (const [what, v] of Object.entries(variants)) assert.is.not(hashEvent(v), hashEvent(e), what)
  const elsewhere: RecordedEvent = { ...e, position: 99 }
  assert.is(hashEvent(elsewhere), hashEvent(e), 'the store position is not hashed')
})

test('given the vectors as a store, then each chain links from 64 zeros and the stream heads are the last (revision, hash) of each stream (§1.3)', () => {
  const heads = new Map<string, StreamHead>(blocks('text stream-heads')[0]!.trim().split('\n').map((l) => {
    const [stream, revision, hash] = l.split(' ') as [string, string, string]
    return [stream, { revision: Number(revision), hash }]
  }))
  assert.is(heads.size, 2)
  assert.equal(verifyChains(events, heads).breaks, [])
  assert.is(events[0]!.metadata.prevHash, GENESIS_HASH)
  assert.is(events[1]!.metadata.prevHash, events[0]!.metadata.hash)
  assert.is(events[3]!.metadata.prevHash, GENESIS_HASH)
  const wrongHead = new Map(heads).set(events[0]!.streamId, { revision: 2, hash: events[1]!.metadata.hash })
  assert.is(verifyChains(events, wrongHead).breaks[0]?.kind, 'altered')
})

test('when the store seals the same events, then it writes the same links as the page (§1.3)', () => {
  const lifecycle = events.slice(0, 3)
  const sealed = sealEvents(lifecycle[0]!.streamId, 0, GENESIS_HASH, lifecycle.map((e) => {
    const { prevHash: _p, hash: _h, ...metadata } = e.metadata
    return { eventId: e.eventId, type: e.type, data: e.data, metadata }
  }))
  assert.equal(sealed.map((e) => [e.metadata.prevHash, e.metadata.hash]), lifecycle.map((e) => [e.metadata.prevHash, e.metadata.hash]))
})

const blobVector = Object.fromEntries(blocks('text blob-vector')[0]!.trim().split('\n').map((l) => {
  const i = l.indexOf(': ')
  return [l.slice(0, i), l.slice(i + 2)]
}))
const hex = (name: string) => Buffer.from(blobVector[name]!, 'hex')

test('docs/audit-format.md §2.1: the blob vector encodes to the stated CiphertextBlob, field by field (§2)', () => {
  const blob = { keyId: blobVector['key id']!, versionId: blobVector['version id']!, sealed: { iv: hex('IV (hex)'), tag: hex('tag (hex)'), ciphertext: hex('ciphertext (hex)') } }
  assert.is(encodeBlob(blob), blobVector['CiphertextBlob'])
  const decoded = decodeBlob(blobVector['CiphertextBlob']!)
  assert.ok(E.isRight(decoded))
  if (E.isRight(decoded)) assert.equal(decoded.right, blob)
  const bytes = Buffer.from(blobVector['CiphertextBlob']!, 'base64')
  assert.equal([bytes[0], bytes[1], bytes[28], bytes[65], bytes[78]], [0x01, 26, 36, 12, 16])
})

test('the canonical encryption context and the AAD are the stated bytes, and the real AES-GCM opens the vector (§2)', () => {
  const context = JSON.parse(blobVector['encryption context']!) as Record<string, string>
  const canonical = canonicalEncryptionContext(context)
  assert.is(canonical.toString('hex'), blobVector['canonical context (hex)'])
  const decoded = decodeBlob(blobVector['CiphertextBlob']!)
  if (E.isLeft(decoded)) return assert.unreachable('the vector decodes')
  const bytes = Buffer.from(blobVector['CiphertextBlob']!, 'base64')
  const aad = blobFormat.aad(decoded.right.keyId, decoded.right.versionId, canonical)
  assert.equal(aad, Buffer.concat([bytes.subarray(0, 65), canonical]), 'AAD = header ‖ canonical context')
  assert.is(aesGcmOpen(hex('material (AES-256, hex)'), decoded.right.sealed, aad)?.toString(), blobVector['plaintext'])
  const otherContext = canonicalEncryptionContext({ ...context, tenant: 't-8' })
  assert.is(aesGcmOpen(hex('material (AES-256, hex)'), decoded.right.sealed, blobFormat.aad(decoded.right.keyId, decoded.right.versionId, otherContext)), undefined)
})

test("when a reader runs the page's od and node commands, then they show the layout and the plaintext (§2.1)", () => {
  const [od, node] = blocks('sh').filter((b) => b.includes(blobVector['CiphertextBlob']!))
  const layout = sh(od!)
  assert.is(layout.stdout.replace(/\s+/g, ''), Buffer.from(blobVector['CiphertextBlob']!, 'base64').toString('hex'))
  const opened = sh(node!.replace(/\n# .*\n?$/, ''))
  assert.is(opened.status, 0, opened.stderr)
  assert.is(opened.stdout.trim(), blobVector['plaintext'])
  assert.match(node!, `# ${blobVector['plaintext']}`)
})

const externalVector = Object.fromEntries(blocks('text blob-vector-external')[0]!.trim().split('\n').map((l) => {
  const i = l.indexOf(': ')
  return [l.slice(0, i), l.slice(i + 2)]
}))
const xhex = (name: string) => Buffer.from(externalVector[name]!, 'hex')

test('docs/audit-format.md §2.2 (S-1.4): the format 2 vector encodes and decodes field by field, naming its external key', () => {
  const blob = {
    keyId: externalVector['key id']!, versionId: externalVector['version id']!, externalKeyId: externalVector['external key id']!,
    sealed: { iv: xhex('IV (hex)'), tag: xhex('tag (hex)'), ciphertext: xhex('ciphertext (hex)'), metadata: xhex('ciphertextMetadata (hex)') },
  }
  assert.is(encodeBlob(blob), externalVector['CiphertextBlob'])
  const decoded = decodeBlob(externalVector['CiphertextBlob']!)
  if (E.isLeft(decoded)) return assert.unreachable('the vector decodes')
  assert.equal(decoded.right, blob)
  const bytes = Buffer.from(externalVector['CiphertextBlob']!, 'base64')
  assert.equal([bytes[0], bytes[1], bytes[28], bytes[65], bytes[75], bytes[80], bytes[93]], [0x02, 26, 36, 9, 4, 12, 16])
})

test('§2.2: the AAD sent to the proxy is the format 2 header and the canonical context; with the proxy\'s framing, AES-GCM opens the vector', () => {
  const canonical = canonicalEncryptionContext(JSON.parse(externalVector['encryption context']!) as Record<string, string>)
  const bytes = Buffer.from(externalVector['CiphertextBlob']!, 'base64')
  const aad = blobFormat.aad(externalVector['key id']!, externalVector['version id']!, canonical, externalVector['external key id'])
  assert.is(aad.toString('hex'), externalVector['additionalAuthenticatedData (hex)'])
  assert.equal(aad, Buffer.concat([bytes.subarray(0, 75), canonical]))
  const meta = xhex('ciphertextMetadata (hex)')
  const frame = (a: Buffer) => Buffer.concat([Buffer.from([a.length >> 8, a.length & 0xff]), a, Buffer.from([meta.length]), meta])
  const sealed = { iv: xhex('IV (hex)'), tag: xhex('tag (hex)'), ciphertext: xhex('ciphertext (hex)') }
  const material = xhex('material (AES-256, hex, in the external key manager)')
  assert.is(aesGcmOpen(material, sealed, frame(aad))?.toString(), externalVector['plaintext'])
  const otherKey = blobFormat.aad('key-blobvector000000000003', externalVector['version id']!, canonical, externalVector['external key id'])
  assert.is(aesGcmOpen(material, sealed, frame(otherKey)), undefined, 'another keyledger key on the same external key does not open it')
})

test.run()
