import { createHash } from 'node:crypto'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as M from '../../../../adapters/crypto/pkcs11/mechanisms.ts'
import { hsmTest } from '../../../support/softhsm.ts'
import { hex, importRsaPrivateKey, importRsaPublicKey, wycheproof, type WycheproofGroup } from '../../../support/pkcs11-vectors.ts'
import { closeHsmFixture, openHsmFixture } from '../../../support/hsm-fixture.ts'

// Wycheproof RSA vectors through the executor's own mechanism functions: the vector's key is imported into the
// token as a session object; signatures are checked with C_Verify on the token over SHA-256(msg), as the
// executor's verify does for a digest; RSAES-OAEP-SHA256 decryption runs raw RSA on the token and OAEP decoding
// in oaep.ts (SoftHSM 2.6.1 has no OAEP-SHA256 mechanism).

const hsm = openHsmFixture()

const sha256 = (b: Buffer): Buffer => createHash('sha256').update(b).digest()

const publicKeyOf = (g: WycheproofGroup) => {
  const pub = g['publicKey'] as { modulus: string; publicExponent: string }
  return importRsaPublicKey(hsm!.t, hex(pub.modulus.replace(/^(00)+/, '')), hex(pub.publicExponent))
}

const signatureFiles = (kind: 'pss' | 'pkcs1', sizes: number[]) =>
  sizes.map((bits) => kind === 'pss' ? `rsa_pss_${bits}_sha256_mgf1_32_test.json` : `rsa_signature_${bits}_sha256_test.json`)

for (const [kind, algorithm] of [['pss', 'RSA_PSS_SHA_256'], ['pkcs1', 'RSA_PKCS1_SHA_256']] as const) {
  for (const file of signatureFiles(kind, [2048, 3072, 4096])) {
    hsmTest(`Wycheproof ${file}: ${algorithm} verification on the token accepts valid and rejects invalid signatures`, () => {
      const { t } = hsm!
      let valid = 0
      let invalid = 0
      for (const g of wycheproof(file)) {
        if (g['sha'] !== 'SHA-256' || (kind === 'pss' && (g['sLen'] !== 32 || g['mgfSha'] !== 'SHA-256'))) continue
        const key = publicKeyOf(g)
        for (const v of g.tests) {
          if (v.result === 'acceptable') continue
          const ok = M.rsaVerify(t.p11, t.session, key, algorithm, sha256(hex(v['msg'])), hex(v['sig']))
          assert.is(ok, v.result === 'valid', `tcId ${v.tcId} (${v.comment}) expected ${v.result}`)
          if (ok) valid++
          else invalid++
        }
        t.p11.C_DestroyObject(t.session, key)
      }
      assert.ok(valid >= 1 && invalid >= 10, `${valid} valid and ${invalid} invalid vectors checked`)
    })
  }
}

for (const bits of [2048, 3072, 4096]) {
  const file = `rsa_oaep_${bits}_sha256_mgf1sha256_test.json`
  hsmTest(`Wycheproof ${file}: RSAES-OAEP-SHA256 decryption (raw RSA on the token) gives the message or refuses`, async () => {
    const { t } = hsm!
    let valid = 0
    let invalid = 0
    for (const g of wycheproof(file)) {
      const key = importRsaPrivateKey(t, g['privateKeyJwk'] as Record<string, unknown>)
      for (const v of g.tests) {
        if (v.result === 'acceptable') continue
        const plain = await M.oaepSha256Decrypt(t.p11, t.session, key, bits / 8, hex(v['ct']), hex(v['label']))
        if (v.result === 'valid') {
          assert.is(plain?.toString('hex'), v['msg'], `tcId ${v.tcId} (${v.comment})`)
          valid++
        } else {
          assert.is(plain, null, `tcId ${v.tcId} (${v.comment}) must be refused`)
          invalid++
        }
      }
      t.p11.C_DestroyObject(t.session, key)
    }
    assert.ok(valid >= 5 && invalid >= 5, `${valid} valid and ${invalid} invalid vectors checked`)
  })
}

test.after(() => closeHsmFixture(hsm))

test.run()
