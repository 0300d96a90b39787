import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { auditor, base, dataDir, keyId, keyledger, offline, stream } from '../../support/verifiable-log-world.ts'

// Proofs an auditor checks offline, with only the file and the public key (deliverables 3 and 5), on a real
// server's data dir (spec/support/verifiable-log-world.ts), every command a process.

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
  assert.is(bad.code, 4)
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
  // A proof cut before the KeyDisabled, without its boundary, still verifies (every event in it is included): the
  // verifier folds Enabled, and says that it cannot rule out a later event (docs/verifiable-log.md "State with proof").
  assert.is(cut.code, 0, cut.out + cut.err)
  assert.match(cut.out, 'KeyState Enabled')
  assert.match(cut.out, 'no later event of the key is in the checkpoint\'s proof: absence from a log cannot be proven')
})

test.after(() => rmSync(base, { recursive: true, force: true }))
test.run()
