import Database from 'better-sqlite3'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { openDatabase, SqliteEventStore } from '../../../../adapters/store/sqlite/index.ts'
import { sealedMetadataText, toWire, type FromWriter } from '../../../../adapters/store/sqlite/writer-protocol.ts'
import type { EventMetadata, NewEvent, RecordedEvent } from '../../../../domain/kernel/envelope.ts'
import { chainProblem, eventually, newEvent } from '../../../support/store-events.ts'

// Issue 11: the writer thread stores the JSON text the caller serialised (data verbatim, metadata with the chain
// links spliced in, sealedMetadataText) instead of parsing it and serialising it again, and reports back only where
// each append's events went and their links; the store builds the rows from the text it sent. What must hold: the
// stored bytes are those the literal reading wrote (JSON.stringify of the parsed data, and of the parsed metadata
// spread with { prevHash, hash }), and the live feed delivers exactly what a read of the file returns, for any data.

/** Odd but JSON-serialisable values: dropped undefined fields, nesting, unicode, number forms, key orders. */
const oddData: unknown[] = [
  { a: undefined, b: [undefined, 1, null], c: { d: { e: { f: 'deep' } } } },
  { text: 'héllo ✓ 𝄞 😀 \u2028\u2029 \u0000 "quoted" \\ back', lone: '\ud800 and \udfff' },
  { n: -0, big: 1e21, tiny: 5e-324, frac: 0.1 + 0.2, max: Number.MAX_SAFE_INTEGER + 2 },
  { z: 1, 10: 'ten', 2: 'two', a: 2, '-1': 'minus', '01': 'zero-one', 4294967295: 'past index' },
  JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as unknown,
  { when: new Date('2026-01-02T03:04:05.678Z'), hash: 'data may say hash', prevHash: 'and prevHash' },
  [1, 'two', { three: 3 }],
  'just a string',
  42,
  null,
  {},
]

const base: EventMetadata = newEvent().metadata
/** Metadata the domain never writes, but the store takes any: extra fields, and names the links use. */
const oddMetadata: unknown[] = [
  base,
  { ...base, sourceIp: '10.0.0.1', userAgent: 'ü-agent/1 😀', schemaVersion: 3, extra: { nested: [1, undefined] }, gone: undefined },
  { ...base, note: 'a "hash" in a value' },
  { ...base, inner: { hash: 'nested hash key', prevHash: 'nested' } },
]

const events = (): NewEvent[] =>
  oddData.flatMap((data, i) => oddMetadata.map((metadata, j) => ({ ...newEvent('OddHappened', data), eventId: `odd-${i}-${j}`, metadata: metadata as EventMetadata })))

/** The stored text as the writer wrote it before issue 11's change: parse the caller's text, serialise again. */
const literalData = (data: unknown): string => JSON.stringify(JSON.parse(JSON.stringify(data)))
const literalMetadata = (metadata: unknown, prevHash: string, hash: string): string =>
  JSON.stringify({ ...(JSON.parse(JSON.stringify(metadata)) as object), prevHash, hash })

test('given odd metadata texts, when the links are spliced in, then the text is what serialising the parsed metadata with them gives', () => {
  const texts = [...oddMetadata.map((m) => JSON.stringify(m)), '{}', '{"hash":"own"}', '{"prevHash":"own","a":1}', '[1,2]', 'null', '"text"', '7', '{"a":"\\"hash\\""}']
  for (const text of texts) {
    const spliced = sealedMetadataText(text, 'p'.repeat(64), 'h'.repeat(64))
    assert.is(spliced, JSON.stringify({ ...(JSON.parse(text) as object), prevHash: 'p'.repeat(64), hash: 'h'.repeat(64) }), text)
  }
})

test('given a metadata text JSON.stringify would not write, when the links are added, then the result is valid JSON with one hash, the links', () => {
  const fields = '"principal":"p","requestId":"r","occurredAt":"t","correlationId":"c","causationId":"k"'
  for (const text of [`{${fields}} `, `{"h\\u0061sh":"forged",${fields}}`, `{"pr\\u0065vHash":"forged",${fields}}`]) {
    const sealed = sealedMetadataText(text, 'p'.repeat(64), 'h'.repeat(64))
    assert.is(sealed, JSON.stringify({ ...(JSON.parse(text) as object), prevHash: 'p'.repeat(64), hash: 'h'.repeat(64) }), text)
    assert.is(sealed.match(/"hash"/g)?.length, 1, text)
  }
})

test('given odd data and metadata, when they are appended, then the stored bytes are those the literal reading wrote and the chain holds', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'kl-placed-')), 'events.db')
  const store = await SqliteEventStore.open(path)
  const written = events()
  // Several appends in one transaction (one turn of the event loop), several events in one of them.
  await Promise.all([store.append('odd-a', 'no_stream', written.slice(0, 10)), ...written.slice(10).map((e, i) => store.append(`odd-${i % 3}`, 'any', [e]))])
  const db = new Database(path, { readonly: true })
  const rows = db.prepare('SELECT event_id, data, metadata FROM events ORDER BY position').all() as { event_id: string; data: string; metadata: string }[]
  db.close()
  const byId = new Map(written.map((e) => [e.eventId, e]))
  assert.is(rows.length, written.length)
  for (const row of rows) {
    const e = byId.get(row.event_id)!
    const { prevHash, hash } = JSON.parse(row.metadata) as { prevHash: string; hash: string }
    assert.is(row.data, literalData(e.data), `${row.event_id} data`)
    assert.is(row.metadata, literalMetadata(e.metadata, prevHash, hash), `${row.event_id} metadata`)
  }
  for (const streamId of ['odd-a', 'odd-0', 'odd-1', 'odd-2']) {
    const stream = await store.readStream(streamId)
    assert.is(chainProblem(stream), undefined, streamId)
  }
  await store.close()
})

test('given a subscriber, when odd events are appended, then the live feed delivers exactly what a read of the file returns', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'kl-placed-')), 'events.db')
  const store = await SqliteEventStore.open(path, { pollIntervalMs: 60_000 })
  const readAll = store.readAll.bind(store)
  const seen: RecordedEvent[] = []
  const sub = store.subscribeAll({}, (e) => void seen.push(e))
  const written = events()
  await store.append('odd-a', 'no_stream', written.slice(0, 3))
  await eventually(() => seen.length === 3)
  let reads = 0
  store.readAll = (o) => (reads++, readAll(o))
  await Promise.all([store.append('odd-a', 2, written.slice(3, 10)), ...written.slice(10).map((e, i) => store.append(`odd-${i % 3}`, 'any', [e]))])
  await eventually(() => seen.length === written.length)
  assert.is(reads, 0, 'the feed read the file back for events this process wrote')
  const read = await readAll()
  assert.equal(seen, read)
  // deep equality ignores key order; the order is part of "exactly" (a view may serialise what it got)
  assert.is(JSON.stringify(seen), JSON.stringify(read))
  assert.equal(seen.map((e) => Object.keys(e.metadata)), read.map((e) => Object.keys(e.metadata)))
  await sub.stop()
  await store.close()
})

test('given the writer thread, when it commits, then its report carries where the events went and their links, not their text', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'kl-placed-')), 'events.db')
  openDatabase(path).close()
  const worker = new Worker(new URL('../../../../adapters/store/sqlite/writer-thread.mjs', import.meta.url), { workerData: { path } })
  const next = (kind: FromWriter['kind']) =>
    new Promise<FromWriter>((resolve) => {
      const take = (m: FromWriter) => {
        if (m.kind === kind) {
          worker.off('message', take)
          resolve(m)
        }
      }
      worker.on('message', take)
    })
  await next('ready')
  const secret = 'text-the-caller-already-has'
  const committed = next('committed')
  worker.postMessage({ kind: 'append', appends: [toWire(7, { streamId: 'key-1', expected: 'no_stream', events: [newEvent('T', { secret }), newEvent('T', { secret })] })] })
  try {
    const report = await committed
    assert.not.match(JSON.stringify(report), secret)
    assert.ok(report.kind === 'committed')
    assert.equal(report.placed.map((p) => ({ id: p.id, revision: p.revision, positions: p.positions, links: p.hashes.length })), [{ id: 7, revision: 0, positions: [1, 2], links: 2 }])
    const closed = next('closed')
    worker.postMessage({ kind: 'close' })
    await closed
  } finally {
    await worker.terminate()
  }
})

test.run()
