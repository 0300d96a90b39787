import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as M from '../../../../adapters/crypto/pkcs11/mechanisms.ts'
import { hsmTest } from '../../../support/softhsm.ts'
import { hex, importAesKey, wycheproof } from '../../../support/pkcs11-vectors.ts'
import { closeHsmFixture, openHsmFixture } from '../../../support/hsm-fixture.ts'

// Wycheproof aes_gcm_test.json through the executor's GCM functions (CKM_AES_GCM, v240 params), with each
// vector's key imported as a sensitive session object. The executor always uses 12-byte IVs and 16-byte tags
// (API: Aliyun_AES_* keys are GCM with a 12-byte IV), so only those groups fit; other IV sizes are not offered.

const hsm = openHsmFixture()

const groups = wycheproof('aes_gcm_test.json').filter((g) => g['ivSize'] === 96 && g['tagSize'] === 128)

hsmTest('Wycheproof AES-GCM (128/192/256-bit keys, 96-bit IV, 128-bit tag): valid vectors encrypt and decrypt to the vector', () => {
  const { t } = hsm!
  let checked = 0
  for (const g of groups) for (const v of g.tests.filter((v) => v.result === 'valid')) {
    const key = importAesKey(t, hex(v['key']))
    const sealed = M.gcmEncrypt(t.p11, t.session, key, hex(v['iv']), hex(v['msg']), hex(v['aad']))
    assert.is(sealed.ciphertext.toString('hex'), v['ct'], `tcId ${v.tcId} ciphertext`)
    assert.is(sealed.tag.toString('hex'), v['tag'], `tcId ${v.tcId} tag`)
    const opened = M.gcmDecrypt(t.p11, t.session, key, hex(v['iv']), hex(v['ct']), hex(v['tag']), hex(v['aad']))
    assert.is(opened?.toString('hex'), v['msg'], `tcId ${v.tcId} plaintext`)
    t.p11.C_DestroyObject(t.session, key)
    checked++
  }
  assert.ok(checked >= 20, `only ${checked} valid vectors fit`)
})

hsmTest('Wycheproof AES-GCM: every invalid vector fails to decrypt (InvalidCiphertext in the executor)', () => {
  const { t } = hsm!
  let checked = 0
  for (const g of groups) for (const v of g.tests.filter((v) => v.result === 'invalid')) {
    const key = importAesKey(t, hex(v['key']))
    const opened = M.gcmDecrypt(t.p11, t.session, key, hex(v['iv']), hex(v['ct']), hex(v['tag']), hex(v['aad']))
    assert.is(opened, null, `tcId ${v.tcId} (${v.comment}) must not decrypt`)
    t.p11.C_DestroyObject(t.session, key)
    checked++
  }
  assert.ok(checked >= 10, `only ${checked} invalid vectors fit`)
})

test.after(() => closeHsmFixture(hsm))

test.run()
