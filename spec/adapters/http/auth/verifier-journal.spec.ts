import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { InMemoryAccessKeyStore } from '../../../../adapters/http/auth/access-key-store.ts'
import { SqliteNonceJournal } from '../../../../adapters/http/auth/nonce-journal.ts'
import { RequestVerifier } from '../../../../adapters/http/auth/verifier.ts'
import { toApiRequest } from '../../../../adapters/http/wire/request.ts'
import { signedQuery } from '../../../support/signed-request.ts'

// The verifier's use of the nonce journal (adapters/http/auth/verifier.ts with nonce-journal.ts, issue 13 item 2),
// in process on the real SQLite journal in a temporary dir: an accepted request's nonce is recorded (made durable
// by `settle`, which the server calls before any answer leaves), a verifier started on the journal refuses the
// replay of a nonce still in its window, and every 1,000th accepted request prunes the rows that left the window.
// replay.spec.ts checks the same over HTTP across a killed process; this one runs in milliseconds, so the
// mutation run (issue 20 item 1) can use it.

const KEY = { id: 'ak', secret: 'secret-0123456789' }
const WINDOW_MS = 900_000
const T0 = Date.parse('2026-05-20T06:00:00Z')

/** A verifier on the journal in `dir`, with a clock the test moves. */
const world = (dir: string, start = T0) => {
  const clock = { t: start, now: () => new Date(clock.t) }
  const journal = SqliteNonceJournal.open(dir)
  const verifier = new RequestVerifier({
    keys: new InMemoryAccessKeyStore([{ accessKeyId: KEY.id, secret: KEY.secret, principal: 'acs:ram::1:root', accountId: '1', enabled: true }]),
    clock, journal,
  })
  return { clock, journal, verifier }
}

/** An RPC v1 request signed now (by the world's clock) with this nonce. */
const signed = (at: number, nonce: string) => `/?${signedQuery(KEY, { Action: 'DescribeRegions' }, { now: new Date(at), nonce })}`

const send = async (v: RequestVerifier, url: string): Promise<string> => {
  const r = toApiRequest('POST', url, {}, Buffer.alloc(0))
  if (E.isLeft(r)) return r.left.code
  const a = await v.verify(r.right)
  return E.isLeft(a) ? a.left.code : 'ok'
}

const inTempDir = async (body: (dir: string) => Promise<void>) => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-verifier-journal-'))
  try {
    await body(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

test('given a journal, when a request is accepted and the verifier settles, then its key, nonce and request time are on disk; a refused one is not', () =>
  inTempDir(async (dir) => {
    const { journal, verifier } = world(dir)
    assert.is(await send(verifier, signed(T0 - 1000, 'n-accepted')), 'ok')
    assert.is(await send(verifier, signed(T0, 'n-bad').replace(/Signature=[^&]+/, 'Signature=AAAA')), 'SignatureDoesNotMatch')
    assert.is(await send(verifier, signed(T0, 'n-accepted')), 'SignatureNonceUsed')
    verifier.settle()
    assert.equal(journal.live(0), [{ accessKeyId: KEY.id, nonce: 'n-accepted', at: T0 - 1000 }])
    journal.close()
  }))

test('given nonces accepted before a restart, when a verifier starts on the same journal, then their replay is refused while in the window', () =>
  inTempDir(async (dir) => {
    const before = world(dir)
    const request = signed(T0 - 60_000, 'n-before-restart')
    assert.is(await send(before.verifier, request), 'ok')
    before.verifier.settle()
    before.journal.close()

    const after = world(dir, T0 + 60_000) // restarted two minutes after the request was signed: still in its window
    assert.is(await send(after.verifier, request), 'SignatureNonceUsed')
    assert.is(await send(after.verifier, signed(T0 + 60_000, 'n-after-restart')), 'ok', 'other nonces are untouched')
    after.journal.close()
  }))

test('given a row older than the window, when the 1,000th request is accepted (not before), then the journal drops it and keeps the live ones', () =>
  inTempDir(async (dir) => {
    const { clock, journal, verifier } = world(dir)
    assert.is(await send(verifier, signed(T0, 'n-old')), 'ok')
    clock.t = T0 + WINDOW_MS + 60_000 // n-old has left the window
    for (let i = 2; i < 1000; i++) assert.is(await send(verifier, signed(clock.t, `n-${i}`)), 'ok')
    verifier.settle()
    const nonces = () => journal.live(0).map((n) => n.nonce)
    assert.is(nonces().length, 999)
    assert.ok(nonces().includes('n-old'), 'no pruning before the 1,000th acceptance')
    assert.is(await send(verifier, signed(clock.t, 'n-1000')), 'ok')
    verifier.settle()
    assert.not.ok(nonces().includes('n-old'), 'the 1,000th acceptance pruned the expired row')
    assert.is(nonces().length, 999, 'and only it: the 999 live nonces stay')
    journal.close()
  }))

test.run()
