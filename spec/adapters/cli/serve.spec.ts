import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// `keyledger serve` as an operator runs it: a real process, the bootstrap key written once with mode 0600,
// "listening on" printed when ready, and a clean exit on SIGTERM.

const run = (dataDir: string, env: Record<string, string> = {}) => {
  const child = spawn(process.execPath, ['bin/keyledger.js', 'serve', '--listen', '127.0.0.1:0'], {
    env: { ...process.env, KMS_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" line; stderr: ${err}`)), 20_000)
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, listening, exited, stderr: () => err }
}

test('first start makes the bootstrap key (0600), prints where it is, serves, and stops on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-serve-'))
  try {
    const s = run(dir)
    const url = await s.listening
    const res = await fetch(`${url}/?Action=DescribeRegions`)
    assert.is(res.status, 400) // unsigned: refused with the API's JSON error
    assert.is(((await res.json()) as { Code: string }).Code, 'IncompleteSignature')
    const file = join(dir, 'bootstrap-access-key.json')
    assert.is(statSync(file).mode & 0o777, 0o600)
    const key = JSON.parse(readFileSync(file, 'utf8'))
    assert.match(s.stderr(), file)
    assert.not.match(s.stderr(), key.accessKeySecret)
    s.child.kill('SIGTERM')
    assert.is(await s.exited, 0)
    // Second start reuses the same key.
    const again = run(dir)
    await again.listening
    assert.equal(JSON.parse(readFileSync(file, 'utf8')), key)
    again.child.kill('SIGINT')
    assert.is(await again.exited, 0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a bootstrap key from the environment writes no key file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-serve-'))
  try {
    const s = run(dir, { KMS_ROOT_ACCESS_KEY_ID: 'rootKeyId', KMS_ROOT_ACCESS_KEY_SECRET: 'root-secret-0123456789', KMS_ACCOUNT_ID: '1111222233334444' })
    await s.listening
    assert.throws(() => statSync(join(dir, 'bootstrap-access-key.json')))
    s.child.kill('SIGTERM')
    assert.is(await s.exited, 0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test.run()
