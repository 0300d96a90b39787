import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { execFile, spawnSync } from 'node:child_process'
import { promisify } from 'node:util'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { KeyService } from '../../../application/key-service.ts'
import { randomIds } from '../../../adapters/ids.ts'
import { popClient } from '../../support/sdk-clients.ts'
import { startServerProcess } from '../../support/server-process.ts'
import { insider, sqliteFile } from '../../support/tamper.ts'

// Issue 14 as an auditor meets it, every command a real process on a real server's data dir
// (docs/verifiable-log.md). A checkpoint is taken while the server runs and kept outside the data dir; then the
// insider of the issue edits a key's KeyCreated, re-seals the stream's chain and updates the read store's anchor:
// the chain check is fooled, the checkpoint is not, and names the event. Truncation, reordering, insertion and a
// fork shown to two auditors are caught the same way.

const ACCOUNT = '1234567890123456'
const KEY = { id: 'verifiableLogKey', secret: 'verifiable-log-secret-0001' }
const base = mkdtempSync(join(tmpdir(), 'keyledger-verifiable-log-'))
const dataDir = join(base, 'data')
const auditor = join(base, 'auditor') // outside the data dir: what the insider cannot reach
mkdirSync(dataDir)
mkdirSync(auditor)
const config = {
  listen: '127.0.0.1:0', accountId: ACCOUNT, region: 'cn-hangzhou',
  instances: [{ instanceId: 'kst-hzz62ee817bvyyr5x0001', kind: 'software', default: true }],
  accessKeys: [{ accessKeyId: KEY.id, accessKeySecret: KEY.secret }],
  store: { type: 'sqlite' }, scheduler: { enabled: false },
}

const keyledger = (dir: string, ...argv: string[]) => {
  const r = spawnSync(process.execPath, ['bin/keyledger.js', ...argv, '--data-dir', dir], { encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
const offline = (...argv: string[]) => {
  const r = spawnSync(process.execPath, ['bin/keyledger.js', ...argv], { encoding: 'utf8', cwd: process.cwd(), env: { ...process.env, KMS_DATA_DIR: join(base, 'nowhere') } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const server = await startServerProcess(dataDir, config)
const pop = popClient(server.port, KEY)
const call = (action: string, params: Record<string, unknown> = {}) => pop.request(action, params, { method: 'POST' })
const keyId: string = (await call('CreateKey', { Description: 'payments signing key' })).KeyMetadata.KeyId
await call('DisableKey', { KeyId: keyId })
await call('EnableKey', { KeyId: keyId })
const other: string = (await call('CreateKey', { Description: 'other' })).KeyMetadata.KeyId
// the auditor's checkpoint, taken while the server serves, kept in the auditor's own directory (run without
// blocking this process: the client's keep-alive connection must stay served)
await promisify(execFile)(process.execPath, ['bin/keyledger.js', 'audit', 'checkpoint', '--out', join(auditor, 'early.checkpoint'), '--data-dir', dataDir])
await call('UpdateKeyDescription', { KeyId: keyId, Description: 'payments signing key v2' })
await call('TagResource', { KeyId: other, Tags: JSON.stringify([{ TagKey: 'env', TagValue: 'prod' }]) })
assert.is(await server.stop(), 0)
const pub = keyledger(dataDir, 'audit', 'public-key')
writeFileSync(join(auditor, 'audit.pub'), pub.out)
const stream = `key-${keyId}`

const copyOf = (name: string): string => {
  const copy = join(base, name)
  cpSync(dataDir, copy, { recursive: true })
  return copy
}
const verifyAgainst = (dir: string, ...checkpoints: string[]) =>
  keyledger(dir, 'audit', 'verify', ...checkpoints.flatMap((c) => ['--checkpoint', c]), '--public-key', join(auditor, 'audit.pub'))

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
  const h = keyledger(copy, 'audit', 'history', keyId, '--format', 'json')
  assert.match(h.out, 'KeyCreated')
  const v = verifyAgainst(copy, join(auditor, 'early.checkpoint'))
  assert.is(v.code, 1, v.out + v.err)
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
  assert.is(v.code, 1, v.out + v.err)
  assert.match(v.out, 'the stored tree was rewritten as well')
})

test('truncation: a log cut back below the checkpoint is caught, naming where it was cut', () => {
  const copy = copyOf('truncated')
  // the log's tail from position 4 on (the other key's two events, the key's description) goes
  sqliteFile.truncateTail(join(copy, 'events.sqlite'), `key-${other}`, 2)
  sqliteFile.truncateTail(join(copy, 'events.sqlite'), stream, 1)
  assert.is(keyledger(copy, 'audit', 'verify', '--no-anchor').code, 0, 'what remains is a valid set of chains')
  const v = verifyAgainst(copy, join(auditor, 'early.checkpoint'))
  assert.is(v.code, 1, v.out + v.err)
  assert.match(v.out, 'TRUNCATED (size 4, the log has 3)')
  assert.match(v.out, 'events from position 4 on were cut off')
})

test('reordering: two events swapped in place are caught at the first of them', () => {
  const copy = copyOf('reordered')
  sqliteFile.swapRows(join(copy, 'events.sqlite'), stream, 1, 2)
  const v = verifyAgainst(copy, join(auditor, 'early.checkpoint'))
  assert.is(v.code, 1, v.out + v.err)
  assert.match(v.out, `first change at leaf 1, position 2, ${stream}@1`)
})

test('insertion: a well-formed event of a new stream slipped into the middle is caught where it sits', () => {
  const copy = copyOf('inserted')
  insider.insertBefore(join(copy, 'events.sqlite'), 2, 'key-forged')
  const chains = keyledger(copy, 'audit', 'verify', '--no-anchor')
  assert.is(chains.code, 0, 'each chain on its own is valid')
  const v = verifyAgainst(copy, join(auditor, 'early.checkpoint'))
  assert.is(v.code, 1, v.out + v.err)
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
  assert.is(both.code, 1, both.out)
  assert.match(both.out, /FORK: .*history-A\.checkpoint and .*history-B\.checkpoint are both signed for 7 events/)
  assert.match(both.out, /newest checkpoint the log is consistent with: .*history-A\.checkpoint/)
})

test('a checkpoint not signed by the pinned key is not taken into account', () => {
  const forged = readFileSync(join(auditor, 'early.checkpoint'), 'utf8').replace(/\n4\n/, '\n3\n')
  writeFileSync(join(base, 'forged.checkpoint'), forged)
  const v = verifyAgainst(dataDir, join(base, 'forged.checkpoint'))
  assert.is(v.code, 1)
  assert.match(v.out, 'NOT CHECKED, the signature of')
})

test('audit prove writes inclusion proofs that verify-proof checks offline with only the file and the public key; an edited proof is rejected', () => {
  const p = keyledger(dataDir, 'audit', 'prove', keyId, '--out', join(auditor, 'proof.json'))
  assert.is(p.code, 0, p.err)
  const ok = offline('audit', 'verify-proof', join(auditor, 'proof.json'), '--public-key', join(auditor, 'audit.pub'))
  assert.is(ok.code, 0, ok.out + ok.err)
  assert.match(ok.out, `${stream}: revisions 0..3`)
  const proof = JSON.parse(readFileSync(join(auditor, 'proof.json'), 'utf8'))
  proof.events[0].event.data.description = 'forged'
  writeFileSync(join(auditor, 'edited.json'), JSON.stringify(proof))
  const bad = offline('audit', 'verify-proof', join(auditor, 'edited.json'), '--public-key', join(auditor, 'audit.pub'))
  assert.is(bad.code, 1)
  assert.match(bad.out, `PROOF REJECTED: ${stream}@0 (position 1): its content does not match its hash`)
  const dropped = JSON.parse(readFileSync(join(auditor, 'proof.json'), 'utf8'))
  dropped.events.splice(1, 1)
  writeFileSync(join(auditor, 'dropped.json'), JSON.stringify(dropped))
  assert.match(offline('audit', 'verify-proof', join(auditor, 'dropped.json'), '--public-key', join(auditor, 'audit.pub')).out, 'revision 1 is missing')
})

test('audit state --at --prove: the state at an instant with a proof that it is the fold of exactly the events before it', () => {
  const history = JSON.parse(keyledger(dataDir, 'audit', 'history', keyId, '--format', 'json').out) as { type: string; occurredAt: string }[]
  const disabledAt = history.find((e) => e.type === 'KeyDisabled')!.occurredAt
  const s = keyledger(dataDir, 'audit', 'state', keyId, '--at', disabledAt, '--prove', '--out', join(auditor, 'state.json'))
  assert.is(s.code, 0, s.err)
  assert.match(s.out, 'Disabled')
  const v = offline('audit', 'verify-proof', join(auditor, 'state.json'), '--public-key', join(auditor, 'audit.pub'))
  assert.is(v.code, 0, v.out + v.err)
  assert.match(v.out, `state of ${keyId} at ${disabledAt}`)
  assert.match(v.out, 'KeyState Disabled')
  assert.match(v.out, 'the next event (KeyEnabled')
  const proof = JSON.parse(readFileSync(join(auditor, 'state.json'), 'utf8'))
  proof.state.boundary = null
  proof.events.pop() // hide the KeyDisabled: the state would read Enabled
  writeFileSync(join(auditor, 'state-cut.json'), JSON.stringify(proof))
  const cut = offline('audit', 'verify-proof', join(auditor, 'state-cut.json'), '--public-key', join(auditor, 'audit.pub'))
  assert.ok(cut.code === 0 ? /no later event of the key/.test(cut.out) : true, 'without the boundary the verifier says what it cannot prove')
})

test.after(() => rmSync(base, { recursive: true, force: true }))
test.run()
