import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { insider, sqliteFile } from '../../support/tamper.ts'
import { auditor, base, copyOf, dataDir, keyledger, other, pub, stream, verifyAgainst } from '../../support/verifiable-log-world.ts'

// Issue 14's attacks, each on its own copy of a real server's data dir, every command a process
// (spec/support/verifiable-log-world.ts makes the data dir and the auditor's early checkpoint).

test('the untouched log is consistent with the auditor\'s earlier checkpoint', () => {
  assert.match(pub.out, /origin: +keyledger-audit\/[0-9a-f]{12}/)
  assert.match(pub.out, 'BEGIN PUBLIC KEY')
  const cp = readFileSync(join(auditor, 'early.checkpoint'), 'utf8')
  assert.match(cp, /^keyledger-audit\/[0-9a-f]{12}\n4\n[A-Za-z0-9+/]{43}=\ntime \S+\n\n\u2014 keyledger-audit\/[0-9a-f]{12} \S+\n$/, 'a C2SP checkpoint: origin, size, root, time; a signature line')
  const v = verifyAgainst(dataDir, join(auditor, 'early.checkpoint'))
  assert.is(v.code, 0, v.out + v.err)
  assert.match(v.out, 'consistent (size 4')
  assert.match(v.out, 'newest checkpoint the log is consistent with')
})

test('issue 14: an edited KeyCreated with a recomputed chain and an updated read store fools the chain check, but not the checkpoint, which names the event', () => {
  const copy = copyOf('insider')
  const head = insider.rewriteStream(join(copy, 'events.sqlite'), stream, 0, { description: 'nothing to see here' })
  insider.updateAnchor(join(copy, 'readstore.sqlite'), stream, head)
  const chains = keyledger(copy, 'audit', 'verify')
  assert.is(chains.code, 0, 'the forger recomputed everything the chain check looks at')
  assert.match(chains.out, 'every hash chain is intact')
  const v = verifyAgainst(copy, join(auditor, 'early.checkpoint'))
  assert.is(v.code, 4, v.out + v.err)
  assert.match(v.out, `CHANGED (size 4`)
  assert.match(v.out, `first change at leaf 0, position 1, ${stream}@0 (KeyCreated)`)
  assert.match(v.out, 'the log is consistent with none of them')
})

test('a forger who also rebuilds the audit tree tables is still caught (the event can no longer be located from the data dir)', () => {
  const copy = copyOf('insider-tree')
  const head = insider.rewriteStream(join(copy, 'events.sqlite'), stream, 0, { description: 'nothing to see here' })
  insider.updateAnchor(join(copy, 'readstore.sqlite'), stream, head)
  insider.rebuildTree(join(copy, 'events.sqlite'))
  const v = verifyAgainst(copy, join(auditor, 'early.checkpoint'))
  assert.is(v.code, 4, v.out + v.err)
  assert.match(v.out, 'the stored tree was rewritten as well')
})

test('truncation: a log cut back below the checkpoint is caught, naming where it was cut', () => {
  const copy = copyOf('truncated')
  // the log's tail from position 4 on (the other key's two events, the key's description) goes
  sqliteFile.truncateTail(join(copy, 'events.sqlite'), `key-${other}`, 2)
  sqliteFile.truncateTail(join(copy, 'events.sqlite'), stream, 1)
  const v = verifyAgainst(copy, join(auditor, 'early.checkpoint'))
  assert.is(v.code, 4, v.out + v.err)
  assert.match(v.out, 'TRUNCATED (size 4, the log has 3)')
  assert.match(v.out, 'events from position 4 on were cut off')
})

test.after(() => rmSync(base, { recursive: true, force: true }))
test.run()
