import { createHash } from 'node:crypto'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as M from '../../../../adapters/crypto/pkcs11/mechanisms.ts'
import { hsmTest } from '../../../support/softhsm.ts'
import { hex, importEcPublicKey, wycheproof } from '../../../support/pkcs11-vectors.ts'
import { closeHsmFixture, openHsmFixture } from '../../../support/hsm-fixture.ts'

// Wycheproof ECDSA (DER signatures, as Alibaba's Verify takes them) through the executor's verify path: strict
// DER → r ‖ s (der.ts), then CKM_ECDSA on the token over SHA-256(msg), with the vector's public key imported as
// a session object. BER variants, wrong lengths and out-of-range r/s must all be rejected.

const hsm = openHsmFixture()

const sha256 = (b: Buffer): Buffer => createHash('sha256').update(b).digest()

for (const [file, curve] of [['ecdsa_secp256r1_sha256_test.json', 'EC_P256'], ['ecdsa_secp256k1_sha256_test.json', 'EC_P256K']] as const) {
  hsmTest(`Wycheproof ${file}: ECDSA_SHA_256 verification accepts valid and rejects invalid DER signatures`, () => {
    const { t } = hsm!
    let valid = 0
    let invalid = 0
    for (const g of wycheproof(file)) {
      const pub = g['publicKey'] as { uncompressed: string }
      const key = importEcPublicKey(t, curve, hex(pub.uncompressed))
      for (const v of g.tests) {
        if (v.result === 'acceptable') continue
        const ok = M.ecdsaVerifyDer(t.p11, t.session, key, 32, sha256(hex(v['msg'])), hex(v['sig']))
        assert.is(ok, v.result === 'valid', `tcId ${v.tcId} (${v.comment}) expected ${v.result}`)
        if (ok) valid++
        else invalid++
      }
      t.p11.C_DestroyObject(t.session, key)
    }
    assert.ok(valid >= 50 && invalid >= 100, `${valid} valid and ${invalid} invalid vectors checked`)
  })
}

test.after(() => closeHsmFixture(hsm))

test.run()
