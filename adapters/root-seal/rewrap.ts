import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../../domain/errors.ts'
import { decodeRootKey, ROOT_KEY_FILE } from '../root-key.ts'
import { sealedText, type Protection, type SealedRootKey, type TokenRef } from './format.ts'
import { PASSPHRASE_ENV, sealWithPassphrase } from './passphrase.ts'
import { PIN_ENV, sealWithToken } from './pkcs11.ts'
import { protectionOf, unsealRootKey } from './unseal.ts'

// `keyledger root-key rewrap` (docs/operations.md "Root key protection"): the same 32-byte root key, written under
// another protection. Never a new key: everything wrapped under it stays readable. The new file is made whole
// under a temporary name, fsync'd, opened again with the new secret and compared with the key, and only then
// renamed over root.key (atomic on POSIX) and the directory fsync'd. A crash at any point leaves either the old
// file or the new one, each complete and each opening to the same key.

export type RewrapTarget =
  | { readonly to: 'file' }
  | { readonly to: 'passphrase'; readonly passphrase: string; readonly logN?: number }
  | { readonly to: 'pkcs11'; readonly token: TokenRef; readonly pin: string }

const failure = (code: string, message: string): KmsError => ({ code, httpStatus: 500, message })

const sealAs = (key: Buffer, t: RewrapTarget): E.Either<KmsError, { text: string; secrets: NodeJS.ProcessEnv }> => {
  if (t.to === 'file') return E.right({ text: `${key.toString('base64')}\n`, secrets: {} })
  if (t.to === 'passphrase')
    return E.right({ text: sealedText(sealWithPassphrase(key, t.passphrase, { logN: t.logN ?? 17, r: 8, p: 1 })), secrets: { [PASSPHRASE_ENV]: t.passphrase } })
  return E.map((s: SealedRootKey) => ({ text: sealedText(s), secrets: { [PIN_ENV]: t.pin } }))(sealWithToken(key, t.token, t.pin))
}

/** Writes `text` to `file` atomically and durably: temporary file, fsync, rename, fsync of the directory. */
export const replaceFileDurably = (dir: string, name: string, text: string): void => {
  const tmp = join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}`)
  const fd = openSync(tmp, 'wx', 0o600)
  try {
    try {
      writeSync(fd, text)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, join(dir, name))
  } catch (e) {
    try { unlinkSync(tmp) } catch { /* never made, or already renamed */ }
    throw e
  }
  const d = openSync(dir, 'r')
  try { fsyncSync(d) } finally { closeSync(d) }
}

/**
 * Rewraps `<dataDir>/root.key` (the caller holds the data dir's lock). `env` gives the current file's secret
 * (KMS_ROOT_KEY_PASSPHRASE[_FILE] or KMS_ROOT_KEY_PKCS11_PIN); the target carries the new one.
 */
export const rewrapRootKeyFile = (dataDir: string, target: RewrapTarget, env: NodeJS.ProcessEnv): E.Either<KmsError, { from: Protection; to: Protection }> => {
  const file = join(dataDir, ROOT_KEY_FILE)
  if (!existsSync(file)) return E.left(failure('DataDir.RootKeyMissing', `no root key file at ${file}: nothing to rewrap`))
  const text = readFileSync(file, 'utf8')
  const from = protectionOf(text)
  if (from === 'unreadable') return E.left(failure('Config.InvalidRootKey', `${file} is neither a Base64 root key nor a sealed one`))
  const current = unsealRootKey(text, file, env, (t) => decodeRootKey(t, `The root key file ${file}`))
  if (E.isLeft(current)) return current
  const key = current.right
  try {
    const sealed = sealAs(key, target)
    if (E.isLeft(sealed)) return sealed
    // Opened again before it replaces anything: a file the new secret cannot open never becomes root.key.
    const check = unsealRootKey(sealed.right.text, 'the new root key file', sealed.right.secrets, (t) => decodeRootKey(t, 'the new root key file'))
    if (E.isLeft(check) || !check.right.equals(key))
      return E.left(failure('Config.WrongRootKey', 'the newly sealed root key did not open to the same key; root.key is unchanged'))
    replaceFileDurably(dataDir, ROOT_KEY_FILE, sealed.right.text)
    return E.right({ from, to: target.to })
  } finally {
    key.fill(0)
  }
}
