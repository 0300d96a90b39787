import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import type { EventStore } from '../../../domain/ports/event-store.ts'
import { complianceReport, REPORT_NAMES, type ReportOptions } from '../../../projections/reports/index.ts'
import { IN_PLACE_EVENTS, ReportThread, type ReportSource } from '../../../adapters/reports/compliance-reports.ts'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { populateKeys } from '../../support/key-population.ts'
import { bulkUsage } from '../../support/bulk-usage.ts'
import { tempStoreFile } from '../../support/temp-sqlite.ts'

// Issue 13 item 5 (docs/architecture.md §7 "Reports"): the report thread gives GetComplianceReport the same table
// as the whole-log fold of `keyledger report` (projections/reports complianceReport), whether it reads the SQLite
// file itself, folds pages the server thread hands it, or the report is small enough to fold in place; and on a
// SQLite store the server thread reads none of the events.

const file = tempStoreFile()
const store = await SqliteEventStore.open(file.path)
await populateKeys(store, 7)
const all = await store.readAll()
const keyIds = [...new Set(all.filter((e) => e.streamId.startsWith('key-')).map((e) => e.streamId.slice('key-'.length)))]
await bulkUsage(store, keyIds[1]!, 'acs:ram::1234567890123456:root', 3_000)
const events = await store.readAll()

/** The store, counting the streams read through it. */
const counting = (s: EventStore): { store: EventStore; reads: string[] } => {
  const reads: string[] = []
  return { reads, store: new Proxy(s, { get: (t, p) => (p === 'readStream' ? (id: string, from?: number, limit?: number) => (reads.push(id), t.readStream(id, from, limit)) : Reflect.get(t, p) as unknown) }) }
}

const optionsOf = (name: string): ReportOptions => (name === 'missing-tags' ? { requireTags: ['env', 'team'] } : name === 'unused' ? { days: 1 } : {})
const AT = [new Date('2026-01-02T12:00:00Z'), new Date('2026-06-01T00:00:00Z')]

const expected = (name: string, at: Date) => {
  const t = complianceReport(name, { ...optionsOf(name), events, at, now: at })
  if (E.isLeft(t)) throw new Error(t.left.message)
  return t.right
}

const sameTables = async (source: ReportSource, size: number) => {
  const c = counting(store)
  const reports = new ReportThread(source, c.store)
  try {
    for (const name of REPORT_NAMES)
      for (const at of AT) {
        const got = await reports.run({ name, options: optionsOf(name), keyIds, at, events: size })
        assert.equal(got, expected(name, at), `${name} as of ${at.toISOString()}`)
        assert.ok(expected(name, at).rows.length > 0 || name !== 'inventory', 'the inventory is not empty')
      }
  } finally {
    await reports.close()
  }
  return c.reads
}

test('the report thread reading the SQLite file answers the same tables as the whole-log fold, every report, now and in the past; the server thread reads nothing', async () => {
  const reads = await sameTables({ kind: 'file', path: file.path }, events.length)
  assert.equal(reads, [], 'no stream read on the server thread')
})

test('the report thread fed pages by the server thread (EventStoreDB\'s way) answers the same tables', async () => {
  const reads = await sameTables({ kind: 'pages' }, events.length)
  assert.ok(reads.length >= keyIds.length * 2, 'the server thread read the pages')
})

test(`a report over at most ${IN_PLACE_EVENTS} events, and the memory store's, fold in place: the same tables`, async () => {
  assert.ok((await sameTables({ kind: 'file', path: file.path }, IN_PLACE_EVENTS)).length > 0, 'read on the server thread')
  assert.ok((await sameTables({ kind: 'in-place' }, events.length)).length > 0)
})

test('a report thread that cannot open the file fails each report with the error (never hangs)', async () => {
  const reports = new ReportThread({ kind: 'file', path: `${file.path}.missing` }, store)
  try {
    const run = () => reports.run({ name: 'inventory', options: {}, keyIds, at: AT[1]!, events: events.length })
    for (let i = 0; i < 2; i++) {
      const failed = await run().then(() => undefined, (e: unknown) => e)
      assert.instance(failed, Error)
      assert.match((failed as Error).message, /unable to open/i)
    }
  } finally {
    await reports.close()
  }
})

test.after(async () => {
  await store.close()
  file.remove()
})

test.run()
