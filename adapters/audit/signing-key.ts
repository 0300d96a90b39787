import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { loadDataDirRootKey } from '../root-key.ts'
import { rowAad, unwrap, wrap } from '../vault/wrap.ts'
import { noteKeyId, signNote, verifierKey } from './note.ts'
import { syncDirectory } from '../private-file.ts'

// The audit signing key (docs/verifiable-log.md "The signing key"): Ed25519, made on first use, its private
// half wrapped under the root key (AES-256-GCM, as the vault wraps key material) in `<dataDir>/audit-signing-key.json`
// (0600). The file also names the log: its origin, which is the note key name. Whoever holds the root key and
// the data dir can sign; whoever holds the public key can check, with nothing else.

export const AUDIT_KEY_FILE = 'audit-signing-key.json'

const KeyFile = t.type({
  version: t.literal(1),
  algorithm: t.literal('Ed25519'),
  origin: t.string,
  publicKey: t.string, // SPKI PEM
  wrapped: t.type({ iv: t.string, tag: t.string, ciphertext: t.string }),
})
type KeyFile = t.TypeOf<typeof KeyFile>

export interface AuditSigner {
  /** The log's name in every checkpoint, and the note key name. */
  readonly origin: string
  readonly publicKey: KeyObject
  readonly publicKeyPem: string
  /** 8 hex digits: the signed-note key id. */
  readonly keyId: string
  /** `<origin>+<key id>+<base64 key>`: what C2SP tools take as the verifier key. */
  readonly verifierKey: string
  /** A signed note of `text` (ending in a newline). */
  signNote(text: string): string
}

const aad = (origin: string) => rowAad('audit-signing-key', origin)

const signerOf = (origin: string, privateKey: KeyObject): AuditSigner => {
  const publicKey = createPublicKey(privateKey)
  return {
    origin, publicKey,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    keyId: noteKeyId(origin, publicKey).toString('hex'),
    verifierKey: verifierKey(origin, publicKey),
    signNote: (text) => signNote(text, origin, privateKey, publicKey),
  }
}

const readKeyFile = (path: string, rootKey: Buffer): E.Either<string, AuditSigner> => {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (e) {
    return E.left(`${path} is not readable JSON: ${(e as Error).message}`)
  }
  const f = KeyFile.decode(parsed)
  if (E.isLeft(f)) return E.left(`${path} is not an audit signing key file`)
  const w = f.right.wrapped
  const der = unwrap(rootKey, { iv: Buffer.from(w.iv, 'base64'), tag: Buffer.from(w.tag, 'base64'), ciphertext: Buffer.from(w.ciphertext, 'base64') }, aad(f.right.origin))
  if (!der) return E.left(`${path} does not unwrap under this root key (another data dir's, or altered)`)
  const signer = signerOf(f.right.origin, createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }))
  if (signer.publicKeyPem.trim() !== f.right.publicKey.trim()) return E.left(`${path}: its public key does not match its private key`)
  return E.right(signer)
}

/** The data dir's audit signer, made (and written whole, atomically) when there is none yet. */
export const loadAuditSigner = (dataDir: string, env: NodeJS.ProcessEnv = process.env): E.Either<string, AuditSigner> => {
  const rootKey = loadDataDirRootKey(dataDir, env)
  if (E.isLeft(rootKey)) return rootKey
  const path = join(dataDir, AUDIT_KEY_FILE)
  try {
    readFileSync(path)
    return readKeyFile(path, rootKey.right)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return E.left(`cannot read ${path}: ${(e as Error).message}`)
  }
  const origin = `keyledger-audit/${randomBytes(6).toString('hex')}`
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const wrapped = wrap(rootKey.right, privateKey.export({ format: 'der', type: 'pkcs8' }), aad(origin))
  const file: KeyFile = {
    version: 1, algorithm: 'Ed25519', origin,
    publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    wrapped: { iv: wrapped.iv.toString('base64'), tag: wrapped.tag.toString('base64'), ciphertext: wrapped.ciphertext.toString('base64') },
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const tmp = join(dataDir, `.${AUDIT_KEY_FILE}.${process.pid}.${randomBytes(6).toString('hex')}`)
  try {
    writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { flag: 'wx', mode: 0o600, flush: true })
    chmodSync(tmp, 0o600)
    linkSync(tmp, path) // fails if another process made one first: then that one is the key
    syncDirectory(dataDir)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return E.left(`cannot create ${path}: ${(e as Error).message}`)
  } finally {
    try { unlinkSync(tmp) } catch { /* never created */ }
  }
  return readKeyFile(path, rootKey.right)
}
