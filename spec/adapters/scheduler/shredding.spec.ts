import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import pino from 'pino'
import { internalFailure } from '../../../domain/errors.ts'
import { randomIds } from '../../../adapters/ids.ts'
import { DueKeysFeed } from '../../../adapters/scheduler/due-keys-feed.ts'
import { shredDeletedMaterial } from '../../../adapters/scheduler/shred-deleted-material.ts'
import { expireImportedMaterial } from '../../../adapters/scheduler/expire-imported-material.ts'
import { startScheduler } from '../../../composition/scheduler.ts'
import { readStatusFile, statusFilePath } from '../../../adapters/scheduler/job-status.ts'
import type { JobDeps } from '../../../adapters/scheduler/job.ts'
import { keyHistory } from '../../../projections/audit/history.ts'
import { keyCatalogueView } from '../../../projections/views/key-catalogue.ts'
import { decodeRecorded } from '../../../projections/projected-event.ts'
import { cryptoFixture, type CryptoFixture } from '../../support/crypto-fixture.ts'

// Crypto-shredding has a recovery (docs/architecture.md §5): material a failed or interrupted destroy left behind after
// KeyDeleted / KeyMaterialDeleted is found by the shredding job, destroyed, and recorded once as KeyMaterialDestroyed.

const quiet = pino({ level: 'silent' })

const withFixture = (name: string, run: (f: CryptoFixture, deps: JobDeps, advance: (days: number) => void) => Promise<void>) =>
  test(name, async () => {
    const f = cryptoFixture()
    const dueKeys = DueKeysFeed.start(f.store)
    let now = new Date('2026-01-01T00:00:00.000Z')
    const deps: JobDeps = { keys: f.keys, dueKeys, clock: { now: () => now }, ids: randomIds, log: quiet, shredder: f.router }
    f.setNow(now)
    const advance = (days: number) => { now = new Date(now.getTime() + days * 86_400_000); f.setNow(now) }
    try { await run(f, deps, advance) } finally { await dueKeys.stop(); await f.close() }
  })

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- K ties the method name to its own signature
const failOnce = <K extends 'destroy' | 'destroyImported'>(f: CryptoFixture, method: K) => {
  const real = f.executor[method].bind(f.executor)
  let failed = false
  f.executor[method] = async (keyId: string) => {
    if (!failed) {
      failed = true
      return E.left(internalFailure('the disk went away'))
    }
    return real(keyId)
  }
}
const typesOf = async (f: CryptoFixture, keyId: string) => (await f.store.readStream(`key-${keyId}`)).map((e) => e.type)

withFixture('S-8 a destroy that failed after KeyDeleted is repaired by the next run, and KeyMaterialDestroyed appears once', async (f, deps, advance) => {
  const key = await f.createKey()
  const kept = await f.createKey()
  await f.command(key.keyId, { type: 'ScheduleKeyDeletion', pendingWindowInDays: 7 })
  advance(7)
  failOnce(f, 'destroy')
  await f.command(key.keyId, { type: 'DeleteKey' })
  assert.equal(f.destroyFailures, [`${key.keyId}: InternalFailure`])
  assert.ok((await f.vault.keyIds()).includes(key.keyId), 'the material outlived its key')

  const run1 = await shredDeletedMaterial(deps)
  assert.equal(run1.done.map((d) => d.keyId), [key.keyId])
  assert.match(run1.done[0]!.what, /leftover material destroyed; KeyMaterialDestroyed recorded/)
  assert.equal((await f.vault.keyIds()), [kept.keyId])
  const run2 = await shredDeletedMaterial(deps)
  assert.equal([run2.done, run2.failed], [[], []])
  const types = await typesOf(f, key.keyId)
  assert.equal(types.filter((t) => t === 'KeyMaterialDestroyed'), ['KeyMaterialDestroyed'])
  assert.is(types[types.length - 1], 'KeyMaterialDestroyed')
  const last = (await f.store.readStream(`key-${key.keyId}`)).at(-1)!
  assert.equal(last.data, { keyId: key.keyId, destroyedAt: deps.clock.now().toISOString(), versionIds: [key.primaryVersionId] })
  assert.is(last.metadata.principal, `acs:ram::${key.accountId}:service/keyledger-scheduler`)
  // projections fold it: the audit timeline lists it, the catalogue ignores it
  assert.equal(keyHistory(key.keyId, await f.store.readAll()).filter((h) => h.type === 'KeyMaterialDestroyed').map((h) => h.detail), [`versions ${key.primaryVersionId}`])
  const decoded = decodeRecorded(last)
  assert.ok(E.isRight(decoded))
  assert.equal(keyCatalogueView.project(decoded.right), [])
})

withFixture('S-8 a deletion whose destroy succeeded is recorded too (the material is already gone)', async (f, deps, advance) => {
  const key = await f.createKey()
  await f.command(key.keyId, { type: 'ScheduleKeyDeletion', pendingWindowInDays: 7 })
  advance(7)
  await f.command(key.keyId, { type: 'DeleteKey' })
  const run = await shredDeletedMaterial(deps)
  assert.equal(run.done, [{ keyId: key.keyId, what: 'material already gone; KeyMaterialDestroyed recorded' }])
  assert.equal((await shredDeletedMaterial(deps)).done, [])
})

withFixture('§5.11 imported material left after a failed destroy on DeleteKeyMaterial is shredded; the same material imports again', async (f, deps, _advance) => {
  const key = await f.createKey({ origin: 'EXTERNAL' })
  const material = randomBytes(32)
  const importIt = async () => {
    const p = f.ok(await f.crypto.getParametersForImport(f.call(), { keyId: key.keyId, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256' }))
    const wrapped = publicEncrypt({ key: createPublicKey({ key: p.publicKey, format: 'der', type: 'spki' }), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, material)
    f.ok(await f.crypto.importKeyMaterial(f.call(), { keyId: key.keyId, importToken: p.importToken, encryptedKeyMaterial: wrapped }))
  }
  await importIt()
  failOnce(f, 'destroyImported')
  f.ok(await f.crypto.deleteKeyMaterial(f.call(), { keyId: key.keyId }))
  assert.ok((await f.vault.keyIds()).includes(key.keyId))
  const run = await shredDeletedMaterial(deps)
  assert.equal(run.done.map((d) => d.keyId), [key.keyId])
  const left = await f.vault.get(key.keyId, key.versions[0]!.versionId)
  assert.ok(E.isRight(left) && left.right === undefined, 'the imported material is gone')
  assert.equal((await f.vault.wrappedRows(key.keyId)).map((r) => r.type), ['fingerprint'], 'only the fingerprint stays (§5.11 re-import check)')
  assert.is(f.ok(await f.keys.load(key.keyId)).status, 'PendingImport')
  await importIt()
  assert.equal((await shredDeletedMaterial(deps)).done, [], 'live material is never shredded')
  assert.ok((await f.vault.keyIds()).includes(key.keyId))
  assert.equal((await typesOf(f, key.keyId)).filter((t) => t === 'KeyMaterialDestroyed').length, 1)
})

withFixture('the server start runs the shredding pass once, before the first tick, and the status file shows it', async (f, deps, advance) => {
  const key = await f.createKey()
  await f.command(key.keyId, { type: 'ScheduleKeyDeletion', pendingWindowInDays: 7 })
  advance(7)
  failOnce(f, 'destroy')
  await f.command(key.keyId, { type: 'DeleteKey' })
  const started = await startScheduler({
    store: f.store, ids: randomIds, material: f.router, shredder: f.router, log: quiet, dataDir: f.dir, clock: deps.clock,
    schedules: { rotateDueKeys: '0 0 1 1 *', deleteExpiredPendingKeys: '0 0 1 1 *', expireImportedMaterial: '0 0 1 1 *', shredDeletedMaterial: '0 0 1 1 *' },
  })
  assert.ok(E.isRight(started))
  await started.right.stop() // waits for the start-up run
  assert.equal((await f.vault.keyIds()), [])
  const status = await readStatusFile(statusFilePath(f.dir))
  assert.ok(status.kind === 'ok')
  const job = status.status.jobs.find((j) => j.job === 'shredDeletedMaterial')!
  assert.is(job.runs, 1)
  assert.equal(job.lastRun?.done.map((d) => d.keyId), [key.keyId])
})

const importToken = async (f: CryptoFixture, keyId: string) =>
  f.ok(await f.crypto.getParametersForImport(f.call(), { keyId, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256' }))

withFixture('S-8 a deleted key with only an import token left (its destroy failed) is shredded: the token goes', async (f, deps, advance) => {
  // given an EXTERNAL key that never got material but holds an import token, deleted while the destroy fails
  const key = await f.createKey({ origin: 'EXTERNAL' })
  await importToken(f, key.keyId)
  await f.command(key.keyId, { type: 'ScheduleKeyDeletion', pendingWindowInDays: 7 })
  advance(7)
  failOnce(f, 'destroy')
  await f.command(key.keyId, { type: 'DeleteKey' })
  assert.equal(await f.vault.importTokenKeyIds(), [key.keyId], 'the token outlived its key')
  // when the shredding job runs
  const run = await shredDeletedMaterial(deps)
  // then the key is shredded: no token is left
  assert.equal(run.done.map((d) => d.keyId), [key.keyId])
  assert.equal(await f.vault.importTokenKeyIds(), [])
})

withFixture('the expiry job drops expired import tokens (not only the next GetParametersForImport); live ones stay', async (f, deps, advance) => {
  const old = await f.createKey({ origin: 'EXTERNAL' })
  const fresh = await f.createKey({ origin: 'EXTERNAL' })
  await importToken(f, old.keyId)
  advance(2)
  assert.equal(await f.vault.importTokenKeyIds(), [old.keyId])
  await expireImportedMaterial({ ...deps, importTokens: f.vault })
  assert.equal(await f.vault.importTokenKeyIds(), [])
  const live = await importToken(f, fresh.keyId)
  await expireImportedMaterial({ ...deps, importTokens: f.vault })
  assert.equal(await f.vault.importTokenKeyIds(), [fresh.keyId])
  assert.ok(E.isRight(await f.vault.getImportToken(fresh.keyId, live.importToken)))
})

test.run()
