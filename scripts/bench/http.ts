// HTTP benchmark: keyledger's API against bare node:http servers measured in the same run (these machines are
// noisy: only ratios mean something). Each server runs in this process; the load comes from a child process.
//   npx tsx scripts/bench/http.ts [seconds=3] [concurrency=16]
import { spawn } from 'node:child_process'
import { createCipheriv, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { startApp } from '../../composition/app.ts'

const seconds = Number(process.argv[2] ?? 3)
const concurrency = Number(process.argv[3] ?? 16)
const KEY = { id: 'benchAccessKeyId', secret: 'benchAccessKeySecret-0123456789' }

const load = (base: string, params: Record<string, string>): Promise<{ ok: number; failed: number; perSecond: number }> =>
  new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'http-load.ts'), base, String(concurrency), String(seconds), KEY.id, KEY.secret, JSON.stringify(params)])
    let out = ''
    p.stdout.on('data', (d: Buffer) => (out += d.toString()))
    p.stderr.on('data', (d: Buffer) => process.stderr.write(d))
    p.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as { ok: number; failed: number; perSecond: number }) : reject(new Error(`load exited ${code}`))))
  })

const listenOn = (server: Server): Promise<string> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address()
    resolve(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`)
  }))

/** The floor: parse the query, answer a small JSON body. */
const bareServer = (): Server => createServer((req, res) => {
  const q = new URL(req.url ?? '/', 'http://x').searchParams
  res.setHeader('content-type', 'application/json;charset=utf-8')
  res.end(JSON.stringify({ RequestId: q.get('SignatureNonce') }))
})

/** The floor of a KMS: the same, plus AES-256-GCM of the 32-byte plaintext with a key held in memory. */
const bareEncryptServer = (): Server => {
  const key = randomBytes(32)
  return createServer((req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams
    const iv = randomBytes(12)
    const c = createCipheriv('aes-256-gcm', key, iv)
    const ct = Buffer.concat([c.update(Buffer.from(q.get('Plaintext') ?? '', 'base64')), c.final(), c.getAuthTag()])
    res.setHeader('content-type', 'application/json;charset=utf-8')
    res.end(JSON.stringify({ CiphertextBlob: Buffer.concat([iv, ct]).toString('base64'), RequestId: q.get('SignatureNonce') }))
  })
}

const dir = mkdtempSync(join(tmpdir(), 'keyledger-bench-http-'))
const results: Array<[string, number, number]> = []
try {
  const bare = bareServer()
  const bareUrl = await listenOn(bare)
  const bareEnc = bareEncryptServer()
  const bareEncUrl = await listenOn(bareEnc)
  const app = await startApp({
    dataDir: dir, listen: '127.0.0.1:0', accountId: '1234567890123456', region: 'cn-hangzhou',
    instances: [{ instanceId: 'kst-bench0000000000001', kind: 'software', default: true }],
    accessKeys: [{ accessKeyId: KEY.id, accessKeySecret: KEY.secret }],
    store: { type: 'sqlite' }, scheduler: { enabled: false },
  }, { logger: pino({ level: 'silent' }), env: { ...process.env, KMS_ROOT_KEY: randomBytes(32).toString('base64') } })
  const appUrl = `http://127.0.0.1:${app.api.port}`
  const created = await fetch(`${appUrl}/?${(await import('../../spec/support/signed-request.ts')).signedQuery(KEY, { Action: 'CreateKey' })}`, { method: 'POST' })
  const keyId = ((await created.json()) as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId
  const plaintext = randomBytes(32).toString('base64')

  // Alternate baseline and subject so drift on this noisy machine hits both alike.
  for (let round = 0; round < 2; round++) {
    const floor = await load(bareUrl, { Action: 'DescribeKey', KeyId: keyId })
    const describe = await load(appUrl, { Action: 'DescribeKey', KeyId: keyId })
    const encFloor = await load(bareEncUrl, { Action: 'Encrypt', KeyId: keyId, Plaintext: plaintext })
    const encrypt = await load(appUrl, { Action: 'Encrypt', KeyId: keyId, Plaintext: plaintext })
    if (describe.failed || encrypt.failed) throw new Error(`keyledger answered errors: ${describe.failed} DescribeKey, ${encrypt.failed} Encrypt`)
    results.push(['DescribeKey vs bare node:http', describe.perSecond, floor.perSecond])
    results.push(['Encrypt (audited, durable) vs bare node:http + AES-GCM', encrypt.perSecond, encFloor.perSecond])
  }
  await app.close()
  bare.close()
  bareEnc.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}

process.stdout.write(`HTTP, ${concurrency} concurrent keep-alive clients, ${seconds} s per measurement, 2 rounds\n`)
for (const [name, subject, baseline] of results)
  process.stdout.write(`  ${name.padEnd(58)} ratio ${(subject / baseline).toFixed(3)}  (${subject.toFixed(0)} / ${baseline.toFixed(0)} req/s)\n`)
