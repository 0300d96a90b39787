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

const run = (code: string): string => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' })
  assert.is(r.status, 0, r.stderr)
  return r.stdout
}

test('issue 11: per-request lines are gathered, not written one by one; any other line writes them first (order kept)', () => {
  const out = run(`const { makeLogger } = await import('./adapters/logging.ts'); const fs = await import('node:fs')
    const log = makeLogger({}); log.info({ n: 1 }, 'request'); log.info({ n: 2 }, 'request')
    fs.writeSync(1, 'MARK\\n'); log.warn('after'); fs.writeSync(1, 'END\\n')`)
  const lines = out.trim().split('\n').map((l) => (l.startsWith('{') ? (JSON.parse(l) as { msg: string; n?: number }).msg + (JSON.parse(l).n ?? '') : l))
  assert.equal(lines, ['MARK', 'request1', 'request2', 'after', 'END'])
})

test('issue 11: gathered per-request lines are written within the delay, and at exit', () => {
  const timed = run(`const { makeLogger, ACCESS_LOG_DELAY_MS } = await import('./adapters/logging.ts'); const fs = await import('node:fs')
    makeLogger({}).info('request'); setTimeout(() => fs.writeSync(1, 'LATER\\n'), ACCESS_LOG_DELAY_MS * 4)`)
  assert.equal(timed.trim().split('\n').map((l) => (l.startsWith('{') ? JSON.parse(l).msg : l)), ['request', 'LATER'])
  const atExit = run(`const { makeLogger } = await import('./adapters/logging.ts'); makeLogger({}).info('request'); process.exit(0)`)
  assert.is(JSON.parse(atExit.trim()).msg, 'request')
})

test.run()
