import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { KeyService } from '../../../application/key-service.ts'
import { randomIds } from '../../../adapters/ids.ts'
import { insider, sqliteFile } from '../../support/tamper.ts'
import { ACCOUNT, auditor, base, copyOf, dataDir, keyId, keyledger, stream, verifyAgainst } from '../../support/verifiable-log-world.ts'

// Issue 14's attacks (continued: reordering, insertion, a fork, a forged signature), each on its own copy of a real server's data dir, every command a process
// (spec/support/verifiable-log-world.ts makes the data dir and the auditor's early checkpoint).

test('reordering: two events swapped in place are caught at the first of them', () => {
  const copy = copyOf('reordered')
  sqliteFile.swapRows(join(copy, 'events.sqlite'), stream, 1, 2)
  const v = verifyAgainst(copy, join(auditor, 'early.checkpoint'))
  assert.is(v.code, 4, v.out + v.err)
  assert.match(v.out, `first change at leaf 1, position 2, ${stream}@1`)
})

test('insertion: a well-formed event of a new stream slipped into the middle is caught where it sits', () => {
  const copy = copyOf('inserted')
  insider.insertBefore(join(copy, 'events.sqlite'), 2, 'key-forged')
  const chains = keyledger(copy, 'audit', 'verify', '--no-anchor')
  assert.is(chains.code, 0, 'each chain on its own is valid')
  const v = verifyAgainst(copy, join(auditor, 'early.checkpoint'))
  assert.is(v.code, 4, v.out + v.err)
  assert.match(v.out, 'first change at leaf 1, position 2, key-forged@0')
})

test('a fork: two copies of the data dir grown apart and each checkpointed show two auditors two histories; together they are caught', async () => {
  const a = copyOf('fork-a')
  const b = copyOf('fork-b')
  for (const [dir, description] of [[a, 'history A'], [b, 'history B']] as const) {
    const store = await SqliteEventStore.open(join(dir, 'events.sqlite'))
    const r = await new KeyService(store, randomIds).execute(keyId, { type: 'UpdateKeyDescription', description, now: new Date() } as never,
      { principal: `acs:ram::${ACCOUNT}:root`, requestId: 'fork', now: new Date() })
    assert.ok(E.isRight(r), JSON.stringify(r))
    await store.close()
    const cp = keyledger(dir, 'audit', 'checkpoint', '--out', join(base, `${description.replace(' ', '-')}.checkpoint`))
    assert.is(cp.code, 0, cp.err)
  }
  const cpA = join(base, 'history-A.checkpoint')
  const cpB = join(base, 'history-B.checkpoint')
  // each auditor alone is satisfied by the copy shown to them
  assert.is(verifyAgainst(a, cpA).code, 0)
  assert.is(verifyAgainst(b, cpB).code, 0)
  const both = verifyAgainst(a, cpA, cpB)
  assert.is(both.code, 4, both.out)
  assert.match(both.out, /FORK: .*history-A\.checkpoint and .*history-B\.checkpoint are both signed for 7 events/)
  assert.match(both.out, /newest checkpoint the log is consistent with: .*history-A\.checkpoint/)
})

test('a checkpoint not signed by the pinned key is not taken into account', () => {
  const forged = readFileSync(join(auditor, 'early.checkpoint'), 'utf8').replace(/\n4\n/, '\n3\n')
  writeFileSync(join(base, 'forged.checkpoint'), forged)
  const v = verifyAgainst(dataDir, join(base, 'forged.checkpoint'))
  assert.is(v.code, 4)
  assert.match(v.out, 'NOT CHECKED, the signature of')
})

test.after(() => rmSync(base, { recursive: true, force: true }))
test.run()
