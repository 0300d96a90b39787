import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { popClient } from '../../support/sdk-clients.ts'
import { startServerProcess } from '../../support/server-process.ts'
import { sqliteFile } from '../../support/tamper.ts'

// The auditor's and compliance team's commands as real processes on a real server's data dir: a server makes
// keys and answers calls, stops; then `keyledger audit …`, `report …` and `projections rebuild` run on its files.
// Then the SQLite events file is tampered with directly, one attack per copy of the data dir, and
// `audit verify` must catch each (a cut-off tail through the read store's anchor).

const ACCOUNT = '1234567890123456'
const KEY = { id: 'serverDataKey', secret: 'server-data-secret-000001' }
const base = mkdtempSync(join(tmpdir(), 'keyledger-server-data-'))
const dataDir = join(base, 'data')
const config = {
  listen: '127.0.0.1:0', accountId: ACCOUNT, region: 'cn-hangzhou',
  instances: [{ instanceId: 'kst-hzz62ee817bvyyr5x0001', kind: 'software', default: true }],
  accessKeys: [{ accessKeyId: KEY.id, accessKeySecret: KEY.secret }],
  store: { type: 'sqlite' }, scheduler: { enabled: false },
}
mkdirSync(dataDir)
const server = await startServerProcess(dataDir, config)
const pop = popClient(server.port, KEY)
const call = (action: string, params: Record<string, unknown> = {}) => pop.request(action, params, { method: 'POST' })
const keyId: string = (await call('CreateKey', { Description: 'audited' })).KeyMetadata.KeyId
await call('DisableKey', { KeyId: keyId })
await call('EnableKey', { KeyId: keyId })
await call('TagResource', { KeyId: keyId, Tags: JSON.stringify([{ TagKey: 'env', TagValue: 'prod' }]) })
await call('UpdateKeyDescription', { KeyId: keyId, Description: 'audited twice' })
const other: string = (await call('CreateKey', {})).KeyMetadata.KeyId
assert.is(await server.stop(), 0)

const keyledger = (dir: string, ...argv: string[]) => {
  const r = spawnSync(process.execPath, ['bin/keyledger.js', ...argv, '--data-dir', dir], { encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

test('audit history / state / verify, report and projections rebuild on the stopped server\'s data dir', () => {
  const h = keyledger(dataDir, 'audit', 'history', keyId, '--format', 'json')
  assert.is(h.code, 0, h.err)
  assert.equal(JSON.parse(h.out).map((e: { type: string }) => e.type),
    ['KeyCreated', 'KeyDisabled', 'KeyEnabled', 'TagBound', 'DescriptionUpdated'])
  const st = keyledger(dataDir, 'audit', 'state', keyId, '--at', new Date().toISOString(), '--format', 'json')
  assert.is(st.code, 0, st.err)
  assert.is(JSON.parse(st.out).state.Description, 'audited twice')
  const v = keyledger(dataDir, 'audit', 'verify')
  assert.is(v.code, 0, v.out + v.err)
  assert.match(v.out, 'against the read store anchor')
  const r = keyledger(dataDir, 'report', 'missing-tags', '--require-tag', 'env', '--format', 'json')
  assert.is(r.code, 0, r.err)
  assert.equal(JSON.parse(r.out).rows.map((x: { KeyId: string }) => x.KeyId), [other])
  const rb = keyledger(dataDir, 'projections', 'rebuild')
  assert.is(rb.code, 0, rb.err)
  assert.match(rb.out, /rebuilt key-catalogue, key-usage, stream-heads, key-policies: \d+ events/)
})

const attacks: [string, (events: string) => void, string][] = [
  ['altered data', (f) => sqliteFile.alterData(f, `key-${keyId}`, 3, { tagValue: 'dev' }), 'altered'],
  ['altered metadata', (f) => sqliteFile.alterMetadata(f, `key-${keyId}`, 1, { principal: 'acs:ram::1234567890123456:user/mallory' }), 'altered'],
  // a forged copy of an earlier event at the next revision: its hash no longer matches (revision and links differ)
  ['inserted row', (f) => sqliteFile.insertForged(f, `key-${keyId}`, 1), ''],
  ['deleted row', (f) => sqliteFile.deleteRow(f, `key-${keyId}`, 2), 'removed'],
  ['reordered rows', (f) => sqliteFile.swapRows(f, `key-${keyId}`, 1, 2), ''],
  ['truncated tail', (f) => sqliteFile.truncateTail(f, `key-${keyId}`, 2), 'truncated'],
]

for (const [name, attack, kind] of attacks) {
  test(`audit verify catches ${name} in the SQLite events file`, () => {
    const copy = join(base, name.replace(/ /g, '-'))
    cpSync(dataDir, copy, { recursive: true })
    attack(join(copy, 'events.sqlite'))
    const v = keyledger(copy, 'audit', 'verify', '--format', 'json')
    assert.is(v.code, 4, `${name}: ${v.out}${v.err}`) // issue 19 #5: integrity
    const report = JSON.parse(v.out) as { breaks: { streamId: string; kind: string }[] }
    assert.ok(report.breaks.some((b) => b.streamId === `key-${keyId}` && (kind === '' || b.kind === kind)), JSON.stringify(report.breaks))
    rmSync(copy, { recursive: true, force: true })
  })
}

test.after(() => rmSync(base, { recursive: true, force: true }))

test.run()
