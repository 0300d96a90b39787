import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ANY } from '@eventstore/db-client'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { auditCheckpointNow, auditVerifyCheckpoints } from '../../../adapters/cli/audit-log.ts'
import { auditTreeFor } from '../../../adapters/audit/tree-for-store.ts'
import { newEvent } from '../../support/store-events.ts'
import { doubleTarget, runId } from '../../support/esdb-targets.ts'

// Deliverable 1 on EventStoreDB (docs/verifiable-log.md "EventStoreDB"): the same tree kept beside the store, a
// catch-up projection of `$all` into <dataDir>/audit-tree.sqlite, gives two nodes the same roots; a checkpoint
// kept elsewhere catches whoever can delete a stream and append a forged one in its place. On the in-process
// double through the real client: the double drops a deleted stream's events from $all at once, as a real server
// does only after a scavenge (before it, $all still holds the originals and the check finds them intact).

const env = { KMS_ROOT_KEY: Buffer.alloc(32, 9).toString('base64') }

for (const target of [doubleTarget]) {
  test(`${target.name}: two nodes' trees agree; a deleted and re-written stream is caught against an earlier checkpoint`, async () => {
    const { store, cleanup } = await target.open()
    const nodeA = mkdtempSync(join(tmpdir(), 'keyledger-esdb-tree-a-'))
    const nodeB = mkdtempSync(join(tmpdir(), 'keyledger-esdb-tree-b-'))
    try {
      const run = runId()
      const victim = `key-${run}a`
      await store.append(victim, 'no_stream', [newEvent('KeyCreated', { description: 'original' }), newEvent('KeyDisabled')])
      await store.append(`key-${run}b`, 'no_stream', [newEvent('KeyCreated', { description: 'bystander' })])
      const early = await auditCheckpointNow(store, nodeA, new Date(), [], env)
      // another node keeps its own copy of the tree, built from the same $all: the same root at the same size
      const b = auditTreeFor(store, nodeB)
      await b.tree.catchUp()
      assert.ok(b.tree.range(0, early.checkpoint.size).equals(early.checkpoint.root))
      b.close()
      await store.append(`key-${run}b`, 0, [newEvent('KeyEnabled')])
      const fine = await auditVerifyCheckpoints(store, nodeA, [early.file], undefined, env)
      assert.ok(fine.ok, fine.text)
      // the attack: delete the victim's stream and write a forged history in its place (a valid chain)
      await store.client.deleteStream(victim, { expectedRevision: ANY })
      await store.append(victim, 'any', [newEvent('KeyCreated', { description: 'forged' })])
      const caught = await auditVerifyCheckpoints(store, nodeA, [early.file], undefined, env)
      assert.is(caught.ok, false, caught.text)
      assert.match(caught.text, 'CHANGED')
      assert.match(caught.text, 'events were removed, inserted or moved')
    } finally {
      await cleanup()
      rmSync(nodeA, { recursive: true, force: true })
      rmSync(nodeB, { recursive: true, force: true })
    }
  })
}

test.run()
