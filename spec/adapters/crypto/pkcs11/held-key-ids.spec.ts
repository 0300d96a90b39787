import { randomBytes } from 'node:crypto'
import * as assert from 'uvu/assert'
import { freshToken, hsmTest, openExecutor, right, softhsmAvailable, versionRef } from '../../../support/softhsm.ts'

// The shredding reconciliation asks each executor which keys it still holds material for; on a token that is a
// search over every object's label (Cryptoki has no prefix search).

const token = softhsmAvailable ? freshToken() : null

hsmTest('heldKeyIds lists every key with generated or imported objects on the token, and forgets destroyed ones', async () => {
  const executor = openExecutor(token!.config)
  try {
    const aes = versionRef('Aliyun_AES_256')
    const ec = versionRef('EC_P256')
    const imported = versionRef('Aliyun_AES_128')
    right(await executor.generate(aes))
    right(await executor.generate(ec))
    right(await executor.importMaterial(imported, randomBytes(16)))
    assert.equal([...right(await executor.heldKeyIds())].sort(), [aes.keyId, ec.keyId, imported.keyId].sort())
    right(await executor.destroy(ec.keyId))
    right(await executor.destroyImported(imported.keyId))
    assert.equal([...right(await executor.heldKeyIds())], [aes.keyId])
  } finally {
    await executor.close()
    token!.remove()
  }
})

hsmTest.run()
