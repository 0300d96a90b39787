import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'

// Issue 19 #6: readable lines on a terminal, JSON for machines (not a terminal, or --log-format json). The
// logger writes to fd 1, so each case runs in a child process whose stdout is read back.

const logWith = (options: string): string => {
  const code = `const { makeLogger } = await import('./adapters/logging.ts'); makeLogger(${options}).warn({ code: 'Demo.Code' }, 'Demo.Code: something failed. Do this')`
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' })
  assert.is(r.status, 0, r.stderr)
  return r.stdout.trim()
}

test('not a terminal: one JSON object per line, with the code', () => {
  const line = JSON.parse(logWith('{}'))
  assert.is(line.code, 'Demo.Code')
  assert.is(line.msg, 'Demo.Code: something failed. Do this')
})

test('a terminal: a readable line (level word, message), not JSON', () => {
  const out = logWith('{ tty: true }')
  assert.throws(() => JSON.parse(out))
  assert.match(out, /WARN.*Demo\.Code: something failed\. Do this/)
})

test('--log-format json on a terminal still gives JSON; --log-format pretty off one gives lines', () => {
  assert.is(JSON.parse(logWith("{ tty: true, format: 'json' }")).code, 'Demo.Code')
  assert.match(logWith("{ format: 'pretty' }"), /WARN.*Demo\.Code/)
})

test.run()
