// The baselines of the HTTP benchmark: bare node:http servers that do the least a KMS must, run like keyledger
// (their own process, pinned to core 0) and sent the very same signed requests (they ignore the signature).
//   plain  parse the query, answer a small JSON body (DescribeKey's floor)
//   aes    the same plus one AES-256-GCM operation with a key held in memory: Encrypt encrypts the Plaintext,
//          Decrypt decrypts (and authenticates) a 32-byte ciphertext, GenerateDataKey draws 32 random bytes and
//          encrypts them (the floors of Encrypt, Decrypt and GenerateDataKey)
// Prints "listening on http://127.0.0.1:PORT"; stops on SIGTERM.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { createServer } from 'node:http'

const mode = process.argv[2]
if (mode !== 'plain' && mode !== 'aes') throw new Error('usage: bare-server.ts plain|aes')

const key = randomBytes(32)
const seal = (plaintext: Buffer): Buffer => {
  const iv = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', key, iv)
  return Buffer.concat([iv, c.update(plaintext), c.final(), c.getAuthTag()])
}
const open = (blob: Buffer): Buffer => {
  const d = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12))
  d.setAuthTag(blob.subarray(blob.length - 16))
  return Buffer.concat([d.update(blob.subarray(12, blob.length - 16)), d.final()])
}
const sealed = seal(randomBytes(32))

const answer = (q: URLSearchParams): Record<string, string> => {
  const requestId = q.get('SignatureNonce') ?? ''
  if (mode === 'plain') return { KeyId: q.get('KeyId') ?? '', RequestId: requestId }
  switch (q.get('Action')) {
    case 'Decrypt':
      return { KeyId: q.get('KeyId') ?? '', Plaintext: open(sealed).toString('base64'), RequestId: requestId }
    case 'GenerateDataKey': {
      const dataKey = randomBytes(32)
      return { KeyId: q.get('KeyId') ?? '', Plaintext: dataKey.toString('base64'), CiphertextBlob: seal(dataKey).toString('base64'), RequestId: requestId }
    }
    default:
      return { KeyId: q.get('KeyId') ?? '', CiphertextBlob: seal(Buffer.from(q.get('Plaintext') ?? '', 'base64')).toString('base64'), RequestId: requestId }
  }
}

const server = createServer((req, res) => {
  const q = new URL(req.url ?? '/', 'http://x').searchParams
  req.resume()
  req.on('end', () => {
    res.setHeader('content-type', 'application/json;charset=utf-8')
    res.end(JSON.stringify(answer(q)))
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  const a = server.address()
  process.stdout.write(`listening on http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
process.on('SIGTERM', () => server.closeAllConnections())
