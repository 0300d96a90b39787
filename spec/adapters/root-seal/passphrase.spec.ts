import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { parseSealed, sealedText } from '../../../adapters/root-seal/format.ts'
import { sealWithPassphrase } from '../../../adapters/root-seal/passphrase.ts'
import { forgetUnsealedKeys, unsealRootKey } from '../../../adapters/root-seal/unseal.ts'

// Issue 13 item 1 (a): the passphrase seal of root.key — scrypt parameters stored and bound into the GCM tag,
// bounds on them, and each failure with its own stable code.

const key = randomBytes(32)
const plain = () => E.left({ code: 'Plain', httpStatus: 500, message: 'not expected' })
const open = (text: string, env: NodeJS.ProcessEnv) => {
  forgetUnsealedKeys()
  return unsealRootKey(text, '/data/root.key', env, plain)
}
const sealed = sealWithPassphrase(key, 'open sesame', { logN: 14, r: 8, p: 1 })
const text = sealedText(sealed)

test('a sealed root key opens with its passphrase, from the variable or a file', () => {
  const r = open(text, { KMS_ROOT_KEY_PASSPHRASE: 'open sesame' })
  assert.ok(E.isRight(r) && r.right.equals(key))
  assert.not.ok(text.includes(key.toString('base64')))
  assert.ok(E.isRight(parseSealed(text, 'x')))
})

test('a wrong passphrase is Config.WrongRootKeyPassphrase, a missing one Config.RootKeyPassphraseRequired, and neither message holds it', () => {
  const wrong = open(text, { KMS_ROOT_KEY_PASSPHRASE: 'open sesame!' })
  assert.ok(E.isLeft(wrong) && wrong.left.code === 'Config.WrongRootKeyPassphrase' && !wrong.left.message.includes('sesame'))
  const none = open(text, {})
  assert.ok(E.isLeft(none) && none.left.code === 'Config.RootKeyPassphraseRequired' && none.left.message.includes('/data/root.key'))
  const unreadable = open(text, { KMS_ROOT_KEY_PASSPHRASE_FILE: '/nonexistent/pass' })
  assert.ok(E.isLeft(unreadable) && unreadable.left.code === 'Config.RootKeyPassphraseRequired')
})

test('the stored parameters are checked: an edited cost no longer opens, a cost below 2^14 is refused before any work', () => {
  const edited = sealedText({ ...sealed, kdf: { ...sealed.kdf, r: 4 } })
  const r = open(edited, { KMS_ROOT_KEY_PASSPHRASE: 'open sesame' })
  assert.ok(E.isLeft(r) && r.left.code === 'Config.WrongRootKeyPassphrase')
  const cheap = open(sealedText({ ...sealed, kdf: { ...sealed.kdf, logN: 10 } }), { KMS_ROOT_KEY_PASSPHRASE: 'open sesame' })
  assert.ok(E.isLeft(cheap) && cheap.left.code === 'Config.InvalidRootKey')
  const garbage = open('{"format":"keyledger-root-key"}', { KMS_ROOT_KEY_PASSPHRASE: 'open sesame' })
  assert.ok(E.isLeft(garbage) && garbage.left.code === 'Config.InvalidRootKey')
})

test.run()
