import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { consoleRoute, SECURITY_HEADERS } from '../../../adapters/console/static-route.ts'

// The console's static route (docs/console.md "Threat model"): its files with strict headers at /console,
// nothing outside its folder, every other path left to the API.

const dir = mkdtempSync(join(tmpdir(), 'keyledger-console-files-'))
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>')
writeFileSync(join(dir, 'app.js'), 'export {}')
writeFileSync(join(dir, 'notes.txt'), 'not served: no known type')
writeFileSync(join(dir, '..', 'keyledger-console-secret.html'), 'outside')
const route = consoleRoute(dir)
let server: Server
let base = ''
test.before(async () => {
  server = createServer((req, res) => { if (!route(req, res)) { res.writeHead(418); res.end('api') } })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
test.after(() => {
  server.close()
  rmSync(dir, { recursive: true, force: true })
  rmSync(join(dir, '..', 'keyledger-console-secret.html'), { force: true })
})

test('/console/ serves the page with a CSP that forbids inline script and framing', async () => {
  const r = await fetch(`${base}/console/`)
  assert.is(r.status, 200)
  assert.is(r.headers.get('content-type'), 'text/html; charset=utf-8')
  const csp = r.headers.get('content-security-policy') ?? ''
  assert.match(csp, "script-src 'self';")
  assert.not.match(csp, 'unsafe-inline')
  assert.match(csp, "frame-ancestors 'none'")
  assert.match(csp, "connect-src 'self'")
  assert.is(r.headers.get('x-content-type-options'), 'nosniff')
  assert.is(r.headers.get('x-frame-options'), 'DENY')
  assert.is(r.headers.get('referrer-policy'), 'no-referrer')
})

test('/console redirects to /console/ (relative asset URLs), and files have their type', async () => {
  const r = await fetch(`${base}/console`, { redirect: 'manual' })
  assert.is(r.status, 308)
  assert.is(r.headers.get('location'), '/console/')
  const js = await fetch(`${base}/console/app.js`)
  assert.is(js.headers.get('content-type'), 'text/javascript; charset=utf-8')
  assert.is(js.headers.get('content-security-policy'), SECURITY_HEADERS['Content-Security-Policy'])
})

test('nothing outside the folder or of an unknown type is served; other paths stay the API\'s', async () => {
  for (const path of ['/console/../keyledger-console-secret.html', '/console/%2e%2e/keyledger-console-secret.html', '/console/notes.txt', '/console/sub/app.js']) {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      // Raw request: fetch would normalise `..` away before sending.
      import('node:http').then(({ request }) => {
        const req = request(`${base}${path}`, { method: 'GET', path }, (r) => { let b = ''; r.on('data', (d) => (b += d)); r.on('end', () => resolve({ status: r.statusCode!, body: b })) })
        req.on('error', reject)
        req.end()
      }, reject)
    })
    assert.is(res.status, 404, path)
    assert.not.match(res.body, 'outside')
  }
  assert.is((await fetch(`${base}/`, { method: 'POST' })).status, 418)
  assert.is((await fetch(`${base}/consolex`)).status, 418)
  assert.is((await fetch(`${base}/console/`, { method: 'POST' })).status, 405)
})

test.run()
