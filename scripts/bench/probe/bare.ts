import { createCipheriv, randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
const mode = process.argv[2]
const key = randomBytes(32)
const s = createServer((req, res) => {
  const q = new URL(req.url ?? '/', 'http://x').searchParams
  res.setHeader('content-type', 'application/json;charset=utf-8')
  if (mode === 'enc') {
    const iv = randomBytes(12)
    const c = createCipheriv('aes-256-gcm', key, iv)
    const ct = Buffer.concat([c.update(Buffer.from(q.get('Plaintext') ?? '', 'base64')), c.final(), c.getAuthTag()])
    res.end(JSON.stringify({ CiphertextBlob: Buffer.concat([iv, ct]).toString('base64'), RequestId: q.get('SignatureNonce') }))
  } else res.end(JSON.stringify({ RequestId: q.get('SignatureNonce') }))
})
s.listen(Number(process.argv[3]), '127.0.0.1', () => process.stdout.write('listening\n'))
