import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import pkcs11js from 'pkcs11js'
import type { KmsError } from '../../domain/errors.ts'
import { acquireModule, releaseModule } from '../crypto/pkcs11/module-registry.ts'
import { gcmDecrypt, gcmEncrypt, GCM_IV_BYTES } from '../crypto/pkcs11/mechanisms.ts'
import { ckrName, isCkr } from '../crypto/pkcs11/errors.ts'
import { headerAad, SEALED_FORMAT, type SealedRootKey, type TokenRef } from './format.ts'

// PKCS#11 protection (Vault's auto-unseal, docs/operations.md "Root key protection"): the root key is encrypted
// on the token with CKM_AES_GCM under an AES-256 key that is sensitive and never extractable, found by its label.
// The data dir holds only the ciphertext and where the key lives; the PIN comes from KMS_ROOT_KEY_PKCS11_PIN.
// Without the token (or its PIN) a copy of the data dir opens nothing.

export const PIN_ENV = 'KMS_ROOT_KEY_PKCS11_PIN'

const err = (code: string, message: string): KmsError => ({ code, httpStatus: 500, message })

type P11 = pkcs11js.PKCS11

/** Runs `use` on a logged-in session of the token `ref` names; errors name the token, never the PIN. */
const withSession = <A>(ref: TokenRef, pin: string, rw: boolean, use: (p11: P11, s: pkcs11js.Handle) => E.Either<KmsError, A>): E.Either<KmsError, A> => {
  let p11: P11
  try {
    p11 = acquireModule(ref.modulePath)
  } catch (e) {
    return E.left(err('Config.RootKeyTokenMissing', `cannot load the PKCS#11 module ${ref.modulePath} that seals the root key (${ckrName(e)}: ${(e as Error).message})`))
  }
  try {
    const slots = p11.C_GetSlotList(true).filter((slot) => p11.C_GetTokenInfo(slot).label.trimEnd() === ref.tokenLabel)
    const slot = slots[0]
    if (slot === undefined || slots.length > 1)
      return E.left(err('Config.RootKeyTokenMissing', slot === undefined
        ? `no PKCS#11 token labelled "${ref.tokenLabel}" is present (module ${ref.modulePath}): the root key is sealed by a key on it`
        : `${slots.length} PKCS#11 tokens are labelled "${ref.tokenLabel}"; labels must be unique`))
    const s = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | (rw ? pkcs11js.CKF_RW_SESSION : 0))
    try {
      try {
        p11.C_Login(s, pkcs11js.CKU_USER, pin)
      } catch (e) {
        if (!isCkr(e, pkcs11js.CKR_USER_ALREADY_LOGGED_IN))
          return E.left(err('Config.RootKeyTokenLogin', `cannot log in to the token "${ref.tokenLabel}" (${ckrName(e)}): check ${PIN_ENV}`))
      }
      return use(p11, s)
    } finally {
      try { p11.C_CloseSession(s) } catch { /* closing is best effort */ }
    }
  } catch (e) {
    return E.left(err('Config.RootKeyTokenMissing', `the token "${ref.tokenLabel}" failed (${ckrName(e)})`))
  } finally {
    releaseModule(ref.modulePath)
  }
}

const findKey = (p11: P11, s: pkcs11js.Handle, label: string): pkcs11js.Handle[] => {
  p11.C_FindObjectsInit(s, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
    { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
    { type: pkcs11js.CKA_LABEL, value: label },
  ])
  try { return p11.C_FindObjects(s, 2) } finally { p11.C_FindObjectsFinal(s) }
}

const oneKey = (p11: P11, s: pkcs11js.Handle, ref: TokenRef): E.Either<KmsError, pkcs11js.Handle> => {
  const found = findKey(p11, s, ref.keyLabel)
  if (found.length === 1) return E.right(found[0]!)
  return E.left(err('Config.RootKeyTokenKeyMissing', found.length === 0
    ? `the token "${ref.tokenLabel}" has no AES key labelled "${ref.keyLabel}": the root key was sealed by it`
    : `the token "${ref.tokenLabel}" has several AES keys labelled "${ref.keyLabel}"`))
}

/** The wrapping key: sensitive, never extractable, only encrypts and decrypts (no wrap, unwrap or derive). */
const generateKey = (p11: P11, s: pkcs11js.Handle, label: string): pkcs11js.Handle =>
  p11.C_GenerateKey(s, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
    { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
    { type: pkcs11js.CKA_VALUE_LEN, value: 32 },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_PRIVATE, value: true },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_EXTRACTABLE, value: false },
    { type: pkcs11js.CKA_ENCRYPT, value: true },
    { type: pkcs11js.CKA_DECRYPT, value: true },
    { type: pkcs11js.CKA_WRAP, value: false },
    { type: pkcs11js.CKA_UNWRAP, value: false },
    { type: pkcs11js.CKA_DERIVE, value: false },
    { type: pkcs11js.CKA_LABEL, value: label },
    { type: pkcs11js.CKA_ID, value: randomBytes(16) },
  ])

/** Seals under the key labelled `ref.keyLabel`, generating it on the token when there is none. */
export const sealWithToken = (rootKey: Buffer, ref: TokenRef, pin: string): E.Either<KmsError, SealedRootKey> =>
  withSession(ref, pin, true, (p11, s) => {
    const found = findKey(p11, s, ref.keyLabel)
    if (found.length > 1) return E.left(err('Config.RootKeyTokenKeyMissing', `the token "${ref.tokenLabel}" has several AES keys labelled "${ref.keyLabel}"`))
    const key = found[0] ?? generateKey(p11, s, ref.keyLabel)
    const header = { format: SEALED_FORMAT, version: 1, protection: 'pkcs11', pkcs11: ref } as const
    const iv = randomBytes(GCM_IV_BYTES)
    const box = gcmEncrypt(p11, s, key, iv, rootKey, headerAad({ ...header, cipher: 'aes-256-gcm', iv: '', ciphertext: '', tag: '' }))
    return E.right({ ...header, cipher: 'aes-256-gcm', iv: iv.toString('base64'), ciphertext: box.ciphertext.toString('base64'), tag: box.tag.toString('base64') })
  })

export const unsealWithToken = (s: Extract<SealedRootKey, { protection: 'pkcs11' }>, pin: string, origin: string): E.Either<KmsError, Buffer> =>
  withSession(s.pkcs11, pin, false, (p11, session) => E.chain((key: pkcs11js.Handle) => {
    const plain = gcmDecrypt(p11, session, key, Buffer.from(s.iv, 'base64'), Buffer.from(s.ciphertext, 'base64'), Buffer.from(s.tag, 'base64'), headerAad(s))
    return plain ? E.right(plain) : E.left(err('Config.WrongRootKey', `the token key "${s.pkcs11.keyLabel}" does not open ${origin} (another key of that label, or the file was altered)`))
  })(oneKey(p11, session, s.pkcs11)))
