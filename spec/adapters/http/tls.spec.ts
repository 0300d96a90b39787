import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { execFile, execFileSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect } from 'node:tls'
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts'

// Issue 13, item 8 (TLS): `keyledger serve` with KMS_TLS_CERT/KMS_TLS_KEY speaks HTTPS; the official SDK with
// `protocol: 'https'` works against a throwaway CA made here with the openssl CLI (and fails when it does not trust
// that CA); SIGHUP swaps in a renewed certificate; listening beyond loopback without TLS is warned about.

const dir = mkdtempSync(join(tmpdir(), 'keyledger-tls-'))
const f = (name: string) => join(dir, name)
const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' })

openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'),
  '-days', '1', '-subj', '/CN=keyledger throwaway CA')
/** A server certificate for 127.0.0.1 signed by the CA; returns its serial number (hex). */
const issue = (name: string): string => {
  openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f(`${name}.key`), '-out', f(`${name}.csr`),
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost')
  openssl('x509', '-req', '-in', f(`${name}.csr`), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '1',
    '-copy_extensions', 'copyall', '-out', f(`${name}.pem`))
  return new X509Certificate(readFileSync(f(`${name}.pem`))).serialNumber
}
const firstSerial = issue('one')
copyFileSync(f('one.pem'), f('server.pem'))
copyFileSync(f('one.key'), f('server.key'))

const KEY = { accessKeyId: 'LTAItlsSpecKey000000001', accessKeySecret: 'tls-spec-secret-0123456789' }
const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-tls-data-'))
const server: ServerProcess = await startServerProcess(dataDir, { listen: '127.0.0.1:0', bootstrapAccessKey: false, accessKeys: [KEY] },
  { KMS_TLS_CERT: f('server.pem'), KMS_TLS_KEY: f('server.key'), KMS_ROOT_KEY: Buffer.alloc(32, 3).toString('base64') })

const sdk = (env: Record<string, string>): Promise<{ ok: boolean; plaintext?: string; error?: string }> => new Promise((resolve, reject) => {
  const { NODE_EXTRA_CA_CERTS: _drop, ...base } = process.env
  execFile(process.execPath, ['--import', 'tsx', 'spec/support/tls-sdk-client.ts', String(server.port), KEY.accessKeyId, KEY.accessKeySecret],
    { env: { ...base, ...env }, encoding: 'utf8' }, (e, out, err) => (e ? reject(new Error(`${e.message}\n${err}`)) : resolve(JSON.parse(out.trim().split('\n').pop()!))))
})

const peerSerial = (): Promise<string> => new Promise((resolve, reject) => {
  const s = connect({ host: '127.0.0.1', port: server.port, ca: readFileSync(f('ca.pem')), servername: 'localhost' }, () => {
    const serial = s.getPeerCertificate().serialNumber
    s.end()
    resolve(serial)
  })
  s.once('error', reject)
})

test('item 8: the official SDK with protocol https, trusting the throwaway CA, creates a key, encrypts and decrypts', async () => {
  assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/)
  const r = await sdk({ NODE_EXTRA_CA_CERTS: f('ca.pem') })
  assert.ok(r.ok, r.error)
  assert.is(r.plaintext, 'aGVsbG8gdGxz')
})

test('item 8: a client that does not trust the CA is refused by TLS (the certificate is really checked)', async () => {
  const r = await sdk({})
  assert.not.ok(r.ok)
  assert.match(String(r.error), /self[- ]signed|unable to (get|verify)|certificate/i)
})

test('item 8: plain HTTP to the TLS port gets no API answer', async () => {
  const answered = await fetch(`http://127.0.0.1:${server.port}/`).then((res) => res.status, () => 'failed')
  assert.is.not(answered, 200)
})

test('item 8: SIGHUP reloads a renewed certificate for new connections; a broken pair keeps the old one', async () => {
  assert.is(await peerSerial(), firstSerial)
  const secondSerial = issue('two')
  copyFileSync(f('two.pem'), f('server.pem'))
  copyFileSync(f('two.key'), f('server.key'))
  server.child.kill('SIGHUP')
  const until = Date.now() + 15_000
  while (!server.log().includes('TLS certificate reloaded') && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
  assert.is(await peerSerial(), secondSerial)
  copyFileSync(f('one.key'), f('server.key')) // key no longer matches the certificate
  server.child.kill('SIGHUP')
  while (!server.log().includes('TLS reload failed') && Date.now() < until + 15_000) await new Promise((r) => setTimeout(r, 50))
  assert.match(server.log(), 'TLS reload failed')
  assert.is(await peerSerial(), secondSerial)
})

test('item 8: listening beyond loopback without TLS is warned about at start; loopback is not', async () => {
  const other = mkdtempSync(join(tmpdir(), 'keyledger-tls-warn-'))
  try {
    const wide = await startServerProcess(other, { listen: '0.0.0.0:0' }, { KMS_ROOT_KEY: Buffer.alloc(32, 4).toString('base64') })
    await wide.stop()
    assert.match(wide.log(), 'listening beyond loopback without TLS')
  } finally {
    rmSync(other, { recursive: true, force: true })
  }
  assert.not.match(server.log(), 'without TLS')
})

test.after(async () => {
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
  rmSync(dataDir, { recursive: true, force: true })
})
test.run()
