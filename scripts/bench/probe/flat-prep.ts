import { call } from '../../../spec/support/signed-request.ts'
const KEY = { id: 'probeAccessKeyId01', secret: 'probeAccessKeySecret-0123456789' }
const url = process.argv[2]!
const ck = await call(url, KEY, { Action: 'CreateKey' })
const keyId = (ck.body as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId
await call(url, KEY, { Action: 'Encrypt', KeyId: keyId, Plaintext: 'aGVsbG8=' })
console.log(keyId)
