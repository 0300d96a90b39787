import * as E from 'fp-ts/lib/Either.js'
import { KeyId, isUuid } from '../../domain/values/key-id.ts'
import { invalidCiphertext } from '../../domain/crypto-errors.ts'
import type { CiphertextBlob, CiphertextBlobFormat } from '../../domain/ports/ciphertext-blob.ts'
import { IV_BYTES, TAG_BYTES } from './software/symmetric.ts'

// The ciphertext blob (docs/architecture.md §5), versioned and self-describing, then Base64:
//   format (1 byte = 0x01) ‖ len(keyId) (1) ‖ keyId (ASCII) ‖ len(versionId) (1) ‖ versionId (ASCII)
//   ‖ len(IV) (1) ‖ IV ‖ len(tag) (1) ‖ tag ‖ ciphertext (the rest)
// Lengths are written although format 1 fixes IV = 12 and tag = 16 bytes, so a reader can refuse a blob whose
// lengths disagree instead of misreading it. The header (everything before the IV) is part of the AAD, so a
// blob whose key or version id was edited does not decrypt even under a key with the same material.
// Format 2 (external-kind keys, S-1.4; docs/external-keys.md) records which key of the external key manager sealed it:
//   format (0x02) ‖ len(keyId) ‖ keyId ‖ len(versionId) ‖ versionId ‖ len(externalKeyId) ‖ externalKeyId
//   ‖ len(metadata) (1) ‖ metadata (0–20 bytes, the proxy's ciphertextMetadata) ‖ len(IV) (1) ‖ IV (12 or 16)
//   ‖ len(tag) (1) ‖ tag ‖ ciphertext
// Its header (up to the external key id) is in the AAD too, so two keyledger keys on one external key cannot open
// each other's ciphertexts. Format 1 blobs are read as before.
// Alibaba's own format is undocumented (API reference §5.8): any opaque self-describing format is compatible.
// The bytes, the AAD and a vector a spec pins: docs/audit-format.md §2.

export const BLOB_FORMAT_V1 = 0x01
export const BLOB_FORMAT_V2_EXTERNAL = 0x02
const MAX_EXTERNAL_METADATA = 20 // XKS Proxy API: ciphertextMetadata is at most 20 bytes
const EXTERNAL_IV_BYTES = [12, 16] // XKS Proxy API: the proxy's IV is 12 or 16 bytes

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

const header = (keyId: string, versionId: string, externalKeyId?: string): Buffer => {
  const k = Buffer.from(keyId, 'ascii')
  const v = Buffer.from(versionId, 'ascii')
  if (externalKeyId === undefined) return Buffer.concat([Buffer.from([BLOB_FORMAT_V1, k.length]), k, Buffer.from([v.length]), v])
  const x = Buffer.from(externalKeyId, 'ascii')
  return Buffer.concat([Buffer.from([BLOB_FORMAT_V2_EXTERNAL, k.length]), k, Buffer.from([v.length]), v, Buffer.from([x.length]), x])
}

const withLength = (b: Buffer): Buffer[] => [Buffer.from([b.length]), b]

export const encodeBlob = (blob: CiphertextBlob): string =>
  Buffer.concat([
    header(blob.keyId, blob.versionId, blob.externalKeyId),
    ...(blob.externalKeyId === undefined ? [] : withLength(blob.sealed.metadata ?? Buffer.alloc(0))),
    ...withLength(blob.sealed.iv),
    ...withLength(blob.sealed.tag),
    blob.sealed.ciphertext,
  ]).toString('base64')

/** XKS Proxy API: an external key id is 1–128 of A–Z a–z 0–9 - . _ */
export const EXTERNAL_KEY_ID = /^[A-Za-z0-9._-]{1,128}$/

/** Never throws: every malformed input is `InvalidCiphertext` (400). */
export const decodeBlob = (text: string): E.Either<ReturnType<typeof invalidCiphertext>, CiphertextBlob> => {
  const bad = E.left(invalidCiphertext('The CiphertextBlob is malformed.'))
  if (typeof text !== 'string' || text.length === 0 || !BASE64.test(text)) return bad
  const b = Buffer.from(text, 'base64')
  let p = 0
  const take = (n: number): Buffer | undefined => (p + n <= b.length ? b.subarray(p, (p += n)) : undefined)
  const byte = (): number | undefined => take(1)?.[0]
  const lengthPrefixed = (): Buffer | undefined => {
    const n = byte()
    return n === undefined ? undefined : take(n)
  }
  const format = byte()
  if (format !== BLOB_FORMAT_V1 && format !== BLOB_FORMAT_V2_EXTERNAL) return bad
  const keyId = lengthPrefixed()?.toString('latin1')
  const versionId = lengthPrefixed()?.toString('latin1')
  if (!keyId || !KeyId.is(keyId) || !versionId || !isUuid(versionId)) return bad
  const external = format === BLOB_FORMAT_V2_EXTERNAL
  const externalKeyId = external ? lengthPrefixed()?.toString('latin1') : undefined
  if (external && (externalKeyId === undefined || !EXTERNAL_KEY_ID.test(externalKeyId))) return bad
  const metadata = external ? lengthPrefixed() : undefined
  if (external && (metadata === undefined || metadata.length > MAX_EXTERNAL_METADATA)) return bad
  const iv = lengthPrefixed()
  if (!iv || (external ? !EXTERNAL_IV_BYTES.includes(iv.length) : iv.length !== IV_BYTES)) return bad
  const tag = lengthPrefixed()
  if (tag?.length !== TAG_BYTES) return bad
  const sealed = {
    iv: Buffer.from(iv), tag: Buffer.from(tag), ciphertext: Buffer.from(b.subarray(p)),
    ...(metadata && metadata.length > 0 ? { metadata: Buffer.from(metadata) } : {}),
  }
  return E.right({ keyId, versionId, ...(externalKeyId !== undefined ? { externalKeyId } : {}), sealed })
}

export const blobFormat: CiphertextBlobFormat = {
  encode: encodeBlob,
  decode: decodeBlob,
  aad: (keyId, versionId, canonicalContext, externalKeyId) => Buffer.concat([header(keyId, versionId, externalKeyId), canonicalContext]),
}
