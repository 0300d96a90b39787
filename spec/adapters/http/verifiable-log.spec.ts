import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createServer } from 'node:http'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { startApp } from '../../../composition/app.ts'
import { auditVerifyCheckpoints, auditVerifyProof } from '../../../adapters/cli/audit-log.ts'
import { checkNote } from '../../../adapters/audit/checkpoints.ts'
import { parsePublicKey } from '../../../adapters/audit/note.ts'
import { verifyConsistency } from '../../../domain/audit/merkle.ts'
import { KEY_A, KEY_B, testConfig } from '../../support/api-server.ts'
import { popClient, sdkError } from '../../support/sdk-clients.ts'

// Deliverables 2-4 on a running server (docs/verifiable-log.md, docs/http-api.md "Verifiable log"): the
// scheduler's checkpoint job keeps checkpoints and pushes them to a witness directory and a witness HTTP
// endpoint; the HTTP actions give the public key, the checkpoint, a key's inclusion proofs and consistency
// proofs, each checked here as an auditor would, with nothing but the answer and the public key.

const dir = mkdtempSync(join(tmpdir(), 'keyledger-vlog-http-'))
const witnessDir = join(dir, 'witness')
const received: string[] = []
const witness = createServer((req, res) => {
  let body = ''
  req.on('data', (d) => (body += d))
  req.on('end', () => {
    received.push(body)
    res.writeHead(201).end()
  })
})
await new Promise<void>((r) => witness.listen(0, '127.0.0.1', r))
const witnessUrl = `http://127.0.0.1:${(witness.address() as AddressInfo).port}/add-checkpoint`

const never = '0 0 1 1 *'
const app = await startApp(testConfig({
  dataDir: dir, store: { type: 'sqlite' },
  scheduler: { enabled: true, schedules: { rotateDueKeys: never, deleteExpiredPendingKeys: never, expireImportedMaterial: never, shredDeletedMaterial: never } },
  audit: { witnesses: [{ type: 'directory', path: witnessDir }, { type: 'http', url: witnessUrl }] },
}), { logger: pino({ level: 'silent' }), env: { KMS_ROOT_KEY: Buffer.alloc(32, 7).toString('base64') } })
const a = popClient(app.api.port, KEY_A)
const call = (action: string, params: Record<string, unknown> = {}) => a.request(action, params, { method: 'POST' })
const keyId: string = (await call('CreateKey', { Description: 'witnessed' })).KeyMetadata.KeyId
await call('DisableKey', { KeyId: keyId })

test('the scheduler signs a checkpoint when the log grew, keeps it, and pushes it to the witness directory and endpoint', async () => {
  const r = await app.scheduler!.scheduler.run('checkpointAuditLog')
  assert.equal(r?.done, [{ keyId: 'audit-log', what: 'checkpoint of 2 events' }])
  assert.equal(r?.failed, [])
  assert.is(readdirSync(join(dir, 'checkpoints')).length, 1)
  const pushed = readdirSync(witnessDir)
  assert.is(pushed.length, 1)
  assert.equal(received, [readFileSync(join(witnessDir, pushed[0]!), 'utf8')])
  const again = await app.scheduler!.scheduler.run('checkpointAuditLog')
  assert.equal([again?.done, again?.unchanged, again?.failed], [[], [], []], 'nothing new: no new checkpoint, an idle run')
  assert.is(app.scheduler!.scheduler.status().jobs.find((j) => j.job === 'checkpointAuditLog')!.schedule, '*/5 * * * *')
})

test('GetAuditPublicKey and GetAuditCheckpoint: the checkpoint verifies with the published key alone', async () => {
  const k = await call('GetAuditPublicKey')
  assert.is(k.Algorithm, 'Ed25519')
  assert.match(k.VerifierKey, `${k.Origin}+${k.KeyId}+`)
  const cp = await call('GetAuditCheckpoint')
  const checked = checkNote('answer', cp.Checkpoint, parsePublicKey(k.PublicKey), k.Origin)
  assert.ok(checked.ok && checked.checkpoint.size === 2 && cp.TreeSize === 2, JSON.stringify(checked))
  assert.not.ok(checkNote('answer', cp.Checkpoint.replace('\n2\n', '\n3\n'), parsePublicKey(k.PublicKey)).ok, 'an edited checkpoint')
})

test('GetInclusionProof: an `audit prove` file of the key\'s events that verify-proof accepts offline; another account is refused', async () => {
  await call('EnableKey', { KeyId: keyId })
  const k = await call('GetAuditPublicKey')
  const p = await call('GetInclusionProof', { KeyId: keyId })
  assert.is(p.TreeSize, 3, 'a checkpoint covering the newest event was made for it')
  const v = auditVerifyProof(p.Proof, k.PublicKey)
  assert.ok(v.ok, v.text)
  assert.match(v.text, `key-${keyId}: revisions 0..2`)
  const b = popClient(app.api.port, KEY_B)
  const refused = await sdkError(b.request('GetInclusionProof', { KeyId: `acs:kms:cn-hangzhou:1234567890123456:key/${keyId}` }, { method: 'POST' }))
  assert.is(refused.data['Code'], 'Forbidden.NoPermission')
  // Another account's refusal is counted and written once its minute ends (fair audit, docs/architecture.md §7):
  // written now, so the log below holds it as the third event of the key's history.
  await app.crypto.usage.foreignDenials.flushAll()
})

test('GetConsistencyProof: a holder of an older checkpoint checks the newer one extends it', async () => {
  const k = parsePublicKey((await call('GetAuditPublicKey')).PublicKey)
  const older = checkNote('a', readFileSync(join(dir, 'checkpoints', readdirSync(join(dir, 'checkpoints')).sort()[0]!), 'utf8'), k)
  await call('UpdateKeyDescription', { KeyId: keyId, Description: 'later' })
  await app.scheduler!.scheduler.run('checkpointAuditLog')
  const newer = checkNote('b', (await call('GetAuditCheckpoint')).Checkpoint, k)
  assert.ok(older.ok && newer.ok)
  const proof = await call('GetConsistencyProof', { FirstSize: older.checkpoint.size })
  assert.is(older.checkpoint.size, 2)
  assert.is(newer.checkpoint.size, 5, 'UpdateKeyDescription added two events')
  assert.is(proof.SecondSize, newer.checkpoint.size)
  const hashes = (proof.Hashes.Hash as string[]).map((h) => Buffer.from(h, 'base64'))
  assert.ok(verifyConsistency(older.checkpoint.size, newer.checkpoint.size, older.checkpoint.root, newer.checkpoint.root, hashes))
  assert.is((await sdkError(call('GetConsistencyProof', { FirstSize: 99 }))).data['Code'], 'InvalidParameter')
  assert.is((await sdkError(call('GetConsistencyProof', { FirstSize: 'x' }))).data['Code'], 'InvalidParameter')
})

test('audit verify --checkpoint <witness dir>: every witnessed checkpoint is consistent; the newest is reported', async () => {
  const r = await auditVerifyCheckpoints(app.store, dir, [witnessDir], undefined, { KMS_ROOT_KEY: Buffer.alloc(32, 7).toString('base64') })
  assert.ok(r.ok, r.text)
  assert.equal(r.report.verdicts.map((v) => v.kind === 'consistent' && v.checkpoint.size), [2, 3, 5], 'the scheduler\'s and the one made for the inclusion proof')
  assert.is(r.report.newestConsistent?.checkpoint.size, 5)
})

test.after(async () => {
  await app.close()
  witness.close()
  rmSync(dir, { recursive: true, force: true })
})
test.run()
