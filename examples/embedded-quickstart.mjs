// keyledger embedded in a program (docs/embedding.md): open the engine on a data directory, create a key, encrypt,
// decrypt, and read the key's audit trail, all in-process, as the account's root principal.
//   node examples/embedded-quickstart.mjs [data-dir]
// Plain JavaScript on purpose: it runs with `node` against the installed package, no TypeScript loader.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openKeyledger, KeyledgerError } from 'keyledger'

const dataDir = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'keyledger-example-'))
const accountId = '1234567890123456'
const root = `acs:ram::${accountId}:root`

const kms = await openKeyledger({ dataDir, accountId, scheduler: false })
try {
  // A retried CreateKey with the same client token returns this same answer instead of a second key.
  const { KeyMetadata } = await kms.createKey(root, { Description: 'example key' }, { clientToken: 'example-create-1' })
  const sealed = await kms.encrypt(root, KeyMetadata.KeyId, 'attack at dawn', { purpose: 'example' })
  const opened = await kms.decrypt(root, sealed.CiphertextBlob, { purpose: 'example' })
  // Another principal without a grant is refused, exactly as over HTTP.
  let refused = null
  try {
    await kms.encrypt(`acs:ram::${accountId}:user/nobody`, KeyMetadata.KeyId, 'x')
  } catch (e) {
    if (!(e instanceof KeyledgerError)) throw e
    refused = { code: e.code, httpStatus: e.httpStatus }
  }
  // The audit: the key's events and one ActionInvoked per call on it, the refusal included.
  const history = await kms.keyHistory(root, KeyMetadata.KeyId)
  process.stdout.write(`${JSON.stringify({
    keyId: KeyMetadata.KeyId,
    plaintext: Buffer.from(opened.Plaintext, 'base64').toString('utf8'),
    refused,
    audit: history.Events.Event.map((e) => ({ type: e.Type, principal: e.Principal, requestId: e.RequestId, detail: e.Detail })),
  })}\n`)
} finally {
  await kms.close()
}
