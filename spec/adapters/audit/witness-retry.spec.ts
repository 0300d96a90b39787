import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createServer } from 'node:http'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AuditLog } from '../../../adapters/audit/audit-log.ts'
import { httpWitness, directoryWitness } from '../../../adapters/audit/witness.ts'
import { checkpointAuditLog } from '../../../adapters/scheduler/checkpoint-audit-log.ts'
import type { JobDeps } from '../../../adapters/scheduler/job.ts'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { newEvent } from '../../support/store-events.ts'

// Issue 14 deliverable 4 (docs/verifiable-log.md "Witnesses"): a witness that cannot be reached is a failed run
// of the checkpoint job, retried at the next one. Before, the next run saw the kept checkpoint cover the log and
// did nothing: on a quiet log the checkpoint never left the machine, so the events it covered could be rewritten
// before any checkpoint a witness kept.

const dir = mkdtempSync(join(tmpdir(), 'keyledger-witness-retry-'))
const received: string[] = []
let up = false
const endpoint = createServer((req, res) => {
  let body = ''
  req.on('data', (d) => (body += d))
  req.on('end', () => {
    if (up) received.push(body)
    res.writeHead(up ? 201 : 503).end()
  })
})
await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r))
const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/add`
const witnessDir = join(dir, 'witness')

const store = await SqliteEventStore.open(join(dir, 'events.sqlite'))
await store.append('key-k1', 'no_stream', [newEvent('KeyCreated'), newEvent('KeyDisabled')])
const log = new AuditLog({ store, dataDir: dir, env: { KMS_ROOT_KEY: Buffer.alloc(32, 5).toString('base64') }, witnesses: [directoryWitness(witnessDir), httpWitness(url)] })
const deps = { ids: { requestId: () => 'run' }, clock: { now: () => new Date() }, checkpoints: log } as unknown as JobDeps

test('given the HTTP witness is down, when the job checkpoints, then the run fails naming it (the directory witness has it)', async () => {
  const r = await checkpointAuditLog(deps)
  assert.equal(r.done, [{ keyId: 'audit-log', what: 'checkpoint of 2 events' }])
  assert.is(r.failed.length, 1)
  assert.is(r.failed[0]!.code, 'Witness.Unreachable')
  assert.match(r.failed[0]!.message, `http ${url}: ${url} answered 503`)
  assert.is(readdirSync(witnessDir).length, 1)
})

test('given the log did not grow, when the witness is still down, then the next run tries it again and fails again', async () => {
  const r = await checkpointAuditLog(deps)
  assert.equal(r.done, [])
  assert.is(r.failed.length, 1)
  assert.equal(received, [])
})

test('given the witness is back, when the next run finds no new event, then it pushes the kept checkpoint to it, and only to it', async () => {
  up = true
  const r = await checkpointAuditLog(deps)
  assert.equal(r.failed, [])
  assert.equal(r.done, [{ keyId: 'audit-log', what: `checkpoint of 2 events pushed again to http ${url}` }])
  assert.is(received.length, 1)
  assert.match(received[0]!, /^keyledger-audit\/[0-9a-f]{12}\n2\n/)
  const quiet = await checkpointAuditLog(deps)
  assert.equal([quiet.done, quiet.unchanged, quiet.failed], [[], [], []], 'every witness has it: nothing to do, an idle run')
  assert.is(received.length, 1)
})

test.after(async () => {
  log.close()
  await store.close()
  endpoint.close()
  rmSync(dir, { recursive: true, force: true })
})
test.run()
