import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { PassThrough } from 'node:stream'
import { runInterruptibly } from '../../../adapters/cli/interruptible.ts'

// Issue 19 deliverable 5, "documented exit codes with a spec per code": besides the table's 0-4
// (exit-codes.spec.ts), `store copy` and `vault copy` exit 130 when Ctrl-C interrupts them (docs/operations.md
// "Exit codes"), having kept what was copied; a refusal is 1 with its message alone.

const streams = () => {
  const out = new PassThrough()
  const err = new PassThrough()
  let text = ''
  err.on('data', (d: Buffer) => (text += d.toString()))
  return { out, err, errText: () => text }
}

test('given a copy in progress, when SIGINT arrives, then it stops between steps, closes what it opened, and exits 130', async () => {
  const s = streams()
  let closed = false
  const code = runInterruptibly({
    what: 'copy', refusals: [],
    run: (signal, _progress, opened) => {
      opened.push({ close: () => (closed = true) })
      return new Promise<string>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))))
    },
  }, s.out, s.err)
  process.emit('SIGINT')
  assert.is(await code, 130)
  assert.ok(closed)
  assert.match(s.errText(), 'interrupted: what was copied stays; run the same command again to resume')
})

test('given a refusal, then exit 1 with its message alone', async () => {
  class Refused extends Error {}
  const s = streams()
  assert.is(await runInterruptibly({ what: 'copy', refusals: [Refused], run: () => Promise.reject(new Refused('the target holds other streams')) }, s.out, s.err), 1)
  assert.is(s.errText(), 'the target holds other streams\n')
})

test.run()
