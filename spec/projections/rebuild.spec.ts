import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { randomUUID } from 'node:crypto'
import type { KeyCommand } from '../../domain/key/index.ts'
import { SqliteReadStore } from '../../adapters/readstore/sqlite.ts'
import { ProjectionRunner } from '../../adapters/readstore/runner.ts'
import { SqliteKeyCatalogueQuery } from '../../adapters/readstore/key-catalogue-query.ts'
import { allViews } from '../../projections/views/index.ts'
import { foldReportInput } from '../../projections/reports/inputs.ts'
import { ACCOUNT, REGION, T0, World, at, ctx } from '../support/projection-world.ts'

// Rebuilt views equal incrementally built ones: a long random history goes through the decider (rejected
// commands included) while the runner folds it live in small batches; then the views are refolded from the
// log into a second read store and every table is compared row by row.

const seeded = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}

const dump = (rs: SqliteReadStore): Record<string, unknown[]> =>
  Object.fromEntries(allViews.flatMap((v) => v.tables).map((t) => [t.name, rs.db.prepare(`SELECT * FROM "${t.name}" ORDER BY ${t.primaryKey.map((c) => `"${c}"`).join(', ')}`).all()]))

test('after a long random history, rebuilt views equal the incrementally built ones, and the catalogue agrees with evolve', async () => {
  const rnd = seeded(20261129)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const w = new World(undefined, 7)
  w.runner.start()
  const keys: string[] = []
  const aliases = ['alias/a', 'alias/b', 'alias/c']
  let day = 0
  for (let i = 0; i < 1500; i++) {
    day += rnd() * 2
    const now = at(T0, day)
    const r = rnd()
    if (keys.length < 3 || r < 0.08) {
      keys.push(await w.createKey(now, { spec: pick(['Aliyun_AES_256', 'RSA_2048', 'EC_P256'] as const), usage: null }))
      continue
    }
    const keyId = pick(keys)
    if (r < 0.45) {
      await w.call(keyId, now, { callerService: pick(['ecs', 'oss', null]), callerResource: pick(['disk/d-1', 'disk/d-2', null]), outcome: pick(['allowed', 'denied', 'failed'] as const) })
      continue
    }
    if (r < 0.52) {
      const alias = pick(aliases)
      const type = pick(['CreateAlias', 'UpdateAlias', 'DeleteAlias'] as const)
      await w.service.alias(type === 'DeleteAlias' ? { type, alias, accountId: ACCOUNT, region: REGION } : { type, alias, keyId, accountId: ACCOUNT, region: REGION }, ctx(now))
      continue
    }
    const commands: KeyCommand[] = [
      { type: 'EnableKey', now }, { type: 'DisableKey', now },
      { type: 'SetDeletionProtection', now, enable: rnd() < 0.5, description: 'p' },
      { type: 'ScheduleKeyDeletion', now, pendingWindowInDays: 7 }, { type: 'CancelKeyDeletion', now },
      { type: 'DeleteKey', now },
      { type: 'TagKey', now, tags: [{ TagKey: pick(['env', 'team', 'app']), TagValue: pick(['x', 'y']) }] as never },
      { type: 'UntagKey', now, tagKeys: [pick(['env', 'team', 'app'])] },
      { type: 'UpdateRotationPolicy', now, enable: rnd() < 0.5, intervalSeconds: 30 * 86_400 },
      { type: 'RotateKey', now, versionId: randomUUID(), reason: 'manual' },
      { type: 'CreateKeyVersion', now, versionId: randomUUID() },
      { type: 'UpdateKeyDescription', now, description: `d${i}` },
    ]
    await w.service.execute(keyId, pick(commands), ctx(now)) // rejections are part of a realistic history
  }
  const head = await w.store.headPosition()
  assert.ok(head > 900, `a long history (${head} events)`)
  assert.ok(await w.runner.waitFor(head))
  await w.runner.stop()

  const fresh = SqliteReadStore.open(':memory:')
  const rebuilt = await new ProjectionRunner({ store: w.store, readStore: fresh, views: allViews, batchSize: 100 }).rebuild()
  assert.is(rebuilt.events, head)
  assert.equal(dump(fresh), dump(w.readStore))
  const inPlace = await w.runner.rebuild()
  assert.is(inPlace.events, head)
  assert.equal(dump(w.readStore), dump(fresh))

  const states = foldReportInput(await w.store.readAll(), new Date(at(T0, 10_000))).keys
  const q = new SqliteKeyCatalogueQuery(w.readStore)
  for (const s of states) {
    const k = await q.describeKey(s.keyId)
    assert.ok(k, s.keyId)
    assert.equal(
      [k.state, k.tags, k.versions.length, k.deletionProtection.enabled, k.rotation, k.primaryVersionId, k.lastRotationDate, k.deleteDate, k.description],
      [s.status, s.tags, s.versions.length, s.deletionProtection.enabled, s.rotation, s.primaryVersionId, s.lastRotationDate, s.deleteDate, s.description],
      `catalogue row of ${s.keyId} matches evolve`)
  }
  assert.ok(states.some((s) => s.status === 'Deleted') && states.some((s) => s.status === 'Disabled'), 'the history reached several states')
  fresh.close()
  await w.close()
})

test.run()
