// `copyVault` (adapters/vault/copy.ts): wrapped rows move between the SQLite vault file and EventStoreDB's vault-
// streams (the real client against the in-process double) byte for byte, with no root key in the tool; the
// right root key opens them in the target. Resuming, conflicts, and shredded keys that must not come back.
import { EventStoreDBClient } from '@eventstore/db-client'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { randomIds } from '../../../adapters/ids.ts'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { copyVault, VaultCopyRefused } from '../../../adapters/vault/copy.ts'
import { EsdbKeyVault } from '../../../adapters/vault/esdb-vault.ts'
import { EsdbWrappedVault } from '../../../adapters/vault/esdb-wrapped-rows.ts'
import type { KeyVault } from '../../../domain/ports/key-vault.ts'
import { SqliteWrappedVault } from '../../../adapters/vault/sqlite-wrapped-rows.ts'
import { SqliteKeyVault } from '../../../adapters/vault/sqlite-vault.ts'
import type { WrappedVault } from '../../../adapters/vault/wrapped-rows.ts'
import type { KmsError } from '../../../domain/errors.ts'
import { KeyService } from '../../../application/key-service.ts'
import { startEsdbDouble, type EsdbDouble } from '../../support/esdb-double/index.ts'

const V1 = '00000000-0000-4000-8000-000000000001'
const V2 = '00000000-0000-4000-8000-000000000002'
const must = <A>(r: E.Either<KmsError, A>): A => {
  if (E.isLeft(r)) throw new Error(`${r.left.code}: ${r.left.message}`)
  return r.right
}

interface World { dir: string; double: EsdbDouble; rootKey: Buffer; cleanup(): Promise<void> }
const world = async (): Promise<World> => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-vaultcopy-'))
  const double = await startEsdbDouble()
  return { dir, double, rootKey: randomBytes(32), cleanup: async () => { await double.stop(); rmSync(dir, { recursive: true, force: true }) } }
}
const sqliteVault = (path: string, rootKey: Buffer): KeyVault => must(SqliteKeyVault.open(path, rootKey))
const esdbVault = async (w: World, rootKey: Buffer): Promise<E.Either<KmsError, KeyVault>> =>
  EsdbKeyVault.open(EventStoreDBClient.connectionString(w.double.connectionString), rootKey)
const copy = async (from: () => WrappedVault, to: () => WrappedVault, o: Parameters<typeof copyVault>[2] = {}) => {
  const [s, t] = [from(), to()]
  try {
    return await copyVault(s, t, o)
  } finally {
    await s.close()
    await t.close()
  }
}

test('SQLite → EventStoreDB → a fresh SQLite file: every row byte for byte, no root key in the tool; the right root key opens the target, another is refused', async () => {
  const w = await world()
  try {
    // given a SQLite vault with generated (raw, pkcs8) and imported material and an import fingerprint
    const src = join(w.dir, 'vault.sqlite')
    const [aes, der, byok] = [randomBytes(32), randomBytes(150), randomBytes(32)]
    const v = sqliteVault(src, w.rootKey)
    await v.put('key-aaaaaaaa', V1, 'raw', aes, false)
    await v.put('key-aaaaaaaa', V2, 'pkcs8', der, false)
    await v.recordImportedFingerprint('key-bbbbbbbb', byok)
    await v.put('key-bbbbbbbb', V1, 'raw', byok, true)
    await v.putImportToken({ tokenId: 'tok-1', keyId: 'key-bbbbbbbb', algorithm: 'RSAES_OAEP_SHA_256', expiresAt: new Date(Date.now() + 3600_000).toISOString(), privateKeyPkcs8: randomBytes(100) })
    const rowsBefore = [...await v.wrappedRows('key-aaaaaaaa'), ...await v.wrappedRows('key-bbbbbbbb')]
    await v.close()
    // when the rows are copied to EventStoreDB (the tool is given no root key: it has no way to take one)
    const first = await copy(() => SqliteWrappedVault.open(src, { mustExist: true }), () => EsdbWrappedVault.open(w.double.connectionString))
    assert.equal({ ...first, deletedInEvents: [...first.deletedInEvents] }, {
      keys: 2, rows: 4, written: 4, alreadyPresent: 0, deletedInEvents: [], destroyedInTarget: [], unknownToEvents: [],
      eventsChecked: false, rootCheck: 'copied', verified: 4,
    })
    // then the target lists the same bytes, and opens them under the same root key (and only that one)
    const inEsdb = must(await esdbVault(w, w.rootKey))
    assert.equal([...await inEsdb.wrappedRows('key-aaaaaaaa'), ...await inEsdb.wrappedRows('key-bbbbbbbb')], rowsBefore)
    assert.ok(must(await inEsdb.get('key-aaaaaaaa', V1))?.material.equals(aes))
    assert.ok(must(await inEsdb.get('key-aaaaaaaa', V2))?.material.equals(der))
    const imported = must(await inEsdb.get('key-bbbbbbbb', V1))
    assert.ok(imported?.imported && imported.material.equals(byok))
    assert.ok(await inEsdb.matchesImportedFingerprint('key-bbbbbbbb', byok), 'the fingerprint came along: the same material may come back')
    assert.not.ok(await inEsdb.matchesImportedFingerprint('key-bbbbbbbb', randomBytes(32)), 'and other material may not')
    assert.is(must(await inEsdb.getImportToken('key-bbbbbbbb', 'tok-1')), undefined, 'import tokens are not copied')
    await inEsdb.close()
    const wrong = await esdbVault(w, randomBytes(32))
    assert.ok(E.isLeft(wrong) && wrong.left.code === 'Config.WrongRootKey', 'the root key check came along')
    // when run again, nothing is written
    const again = await copy(() => SqliteWrappedVault.open(src, { mustExist: true }), () => EsdbWrappedVault.open(w.double.connectionString))
    assert.equal([again.written, again.alreadyPresent, again.verified, again.rootCheck], [0, 4, 4, 'already present'])
    // when copied back into a fresh data dir's file, a server's vault there opens it under the same root key
    const back = join(w.dir, 'fresh', 'vault.sqlite')
    const third = await copy(() => EsdbWrappedVault.open(w.double.connectionString), () => SqliteWrappedVault.open(back))
    assert.equal([third.written, third.verified], [4, 4])
    const inSqlite = sqliteVault(back, w.rootKey)
    assert.equal([...await inSqlite.wrappedRows('key-aaaaaaaa'), ...await inSqlite.wrappedRows('key-bbbbbbbb')], rowsBefore)
    assert.ok(must(await inSqlite.get('key-aaaaaaaa', V2))?.material.equals(der))
    assert.ok(must(await inSqlite.get('key-bbbbbbbb', V1))?.material.equals(byok))
    await inSqlite.close()
    assert.ok(E.isLeft(SqliteKeyVault.open(back, randomBytes(32))))
  } finally {
    await w.cleanup()
  }
})

test('a target row that differs from the source\'s refuses the whole copy with nothing written; a target root check of its own too', async () => {
  const w = await world()
  try {
    const [src, dst] = [join(w.dir, 'a.sqlite'), join(w.dir, 'b.sqlite')]
    const v = sqliteVault(src, w.rootKey)
    await v.put('key-aaaaaaaa', V1, 'raw', randomBytes(32), false)
    await v.close()
    await copy(() => SqliteWrappedVault.open(src, { mustExist: true }), () => SqliteWrappedVault.open(dst))
    // given the source now holds another wrapping of key-aaaaaaaa's V1 (a restored backup, say) and a new key
    const again = sqliteVault(src, w.rootKey)
    await again.destroyKey('key-aaaaaaaa')
    await again.put('key-aaaaaaaa', V1, 'raw', randomBytes(32), false)
    await again.put('key-00000000', V1, 'raw', randomBytes(32), false)
    await again.close()
    // when copied: refused, naming the key and the slot, and the new key (sorted first) was not written either
    const refused = await copy(() => SqliteWrappedVault.open(src, { mustExist: true }), () => SqliteWrappedVault.open(dst)).then(() => undefined, (e: Error) => e)
    assert.ok(refused instanceof VaultCopyRefused, String(refused))
    assert.match(refused.message, 'key-aaaaaaaa (material 00000000-0000-4000-8000-000000000001)')
    assert.match(refused.message, 'Nothing was written')
    const target = SqliteWrappedVault.open(dst, { mustExist: true })
    assert.equal(await target.keyIds(), ['key-aaaaaaaa'])
    await target.close()
    // given a target vault a node already opened (its own root key check, even under the same root key)
    const other = join(w.dir, 'c.sqlite')
    await sqliteVault(other, w.rootKey).close()
    const refusedCheck = await copy(() => SqliteWrappedVault.open(dst, { mustExist: true }), () => SqliteWrappedVault.open(other)).then(() => undefined, (e: Error) => e)
    assert.ok(refusedCheck instanceof VaultCopyRefused)
    assert.match(refusedCheck.message, 'root key check of its own')
    const otherRows = SqliteWrappedVault.open(other, { mustExist: true })
    assert.equal(await otherRows.keyIds(), [])
    await otherRows.close()
  } finally {
    await w.cleanup()
  }
})

test('shredded material never comes back: keys Deleted in the event store (--events) and keys destroyed in the target are not copied', async () => {
  const w = await world()
  const events = new MemoryEventStore()
  try {
    // given an event store where one key is Deleted (after its pending window) and one lives
    const keys = new KeyService(events, randomIds)
    const ctx = (now: string) => ({ principal: 'acs:ram::1234567890123456:root', requestId: randomIds.requestId(), now: new Date(now) })
    const fields = {
      accountId: '1234567890123456', region: 'cn-hangzhou', kind: 'software' as const, instanceId: 'kst-soft0001', externalKeyId: null,
      spec: 'Aliyun_AES_256' as const, usage: null, origin: 'Aliyun_KMS' as const, protectionLevel: 'SOFTWARE' as const,
      description: '', creator: '1234567890123456', rotation: null, policy: '', tags: [],
    }
    const deleted = must(await keys.createKey(fields, ctx('2026-01-01T00:00:00Z'))).state.keyId
    const alive = must(await keys.createKey(fields, ctx('2026-01-01T00:00:00Z'))).state.keyId
    must(await keys.execute(deleted, { type: 'ScheduleKeyDeletion', now: '2026-01-02T00:00:00Z', pendingWindowInDays: 7 }, ctx('2026-01-02T00:00:00Z')))
    must(await keys.execute(deleted, { type: 'DeleteKey', now: '2026-01-10T00:00:00Z' }, ctx('2026-01-10T00:00:00Z')))
    // and a source vault that still holds its rows (a stale copy), with a key destroyed in the target and one the events never knew
    const src = join(w.dir, 'vault.sqlite')
    const v = sqliteVault(src, w.rootKey)
    await v.put('key-destroyed0000', V1, 'raw', randomBytes(32), false)
    await v.close()
    await copy(() => SqliteWrappedVault.open(src, { mustExist: true }), () => EsdbWrappedVault.open(w.double.connectionString))
    const target = must(await esdbVault(w, w.rootKey))
    await target.destroyKey('key-destroyed0000')
    const stale = sqliteVault(src, w.rootKey)
    for (const k of [deleted, alive, 'key-neverstored000']) await stale.put(k, V1, 'raw', randomBytes(32), false)
    await stale.close()
    // when copied with the event store
    const r = await copy(() => SqliteWrappedVault.open(src, { mustExist: true }), () => EsdbWrappedVault.open(w.double.connectionString), { events })
    // then the deleted key and the destroyed one are reported and absent; the others are copied
    assert.equal([...r.deletedInEvents], [deleted])
    assert.equal([...r.destroyedInTarget], ['key-destroyed0000'])
    assert.equal([...r.unknownToEvents], ['key-neverstored000'])
    assert.equal([r.keys, r.written, r.verified, r.eventsChecked], [4, 2, 2, true])
    assert.is(must(await target.get(deleted, V1)), undefined)
    assert.is(must(await target.get('key-destroyed0000', V1)), undefined)
    assert.ok(must(await target.get(alive, V1)))
    assert.equal(await target.keyIds(), [alive, 'key-neverstored000'].sort())
    await target.close()
  } finally {
    await events.close()
    await w.cleanup()
  }
})

test('an interrupted copy resumes: what was written counts as present; a non-vault target file is refused and left as it was', async () => {
  const w = await world()
  try {
    const src = join(w.dir, 'vault.sqlite')
    const v = sqliteVault(src, w.rootKey)
    for (const k of ['key-1', 'key-2', 'key-3', 'key-4']) await v.put(`${k}aaaaaaa`, V1, 'raw', randomBytes(32), false)
    await v.close()
    const abort = new AbortController()
    const stopped = await copy(() => SqliteWrappedVault.open(src, { mustExist: true }), () => EsdbWrappedVault.open(w.double.connectionString), {
      signal: abort.signal, onProgress: (p) => { if (p.phase === 'copy' && p.done === 2) abort.abort() },
    }).then(() => undefined, (e: Error) => e)
    assert.ok(stopped && abort.signal.aborted)
    const resumed = await copy(() => SqliteWrappedVault.open(src, { mustExist: true }), () => EsdbWrappedVault.open(w.double.connectionString))
    assert.equal([resumed.written, resumed.alreadyPresent, resumed.verified], [2, 2, 4])
    // a vault copy pointed at an event store file by mistake
    const eventsFile = join(w.dir, 'events.sqlite')
    await (await SqliteEventStore.open(eventsFile)).close()
    const before = readFileSync(eventsFile)
    assert.throws(() => SqliteWrappedVault.open(eventsFile), /is not a keyledger vault/)
    assert.throws(() => SqliteWrappedVault.open(join(w.dir, 'missing.sqlite'), { mustExist: true }), /no SQLite vault/)
    assert.ok(readFileSync(eventsFile).equals(before))
  } finally {
    await w.cleanup()
  }
})

test.run()
