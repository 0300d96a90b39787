import Database from 'better-sqlite3'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { popClient, sdkError } from '../../support/sdk-clients.ts'
import { startServerProcess } from '../../support/server-process.ts'

// Issue 13 item 10: a full disk. The data dir on a small tmpfs (root mounts one here; where that is impossible the
// spec says so LOUDLY and is skipped, never counted as passed). Filling the disk turns writes into
// `ServiceUnavailableTemporary` (503) answers — no 5xx crash, no corrupted file — and once space returns the
// server serves in full again, without a restart.

const base = mkdtempSync(join(tmpdir(), 'keyledger-full-disk-'))
const mnt = join(base, 'mnt')
mkdirSync(mnt)
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=24m,mode=0700', 'tmpfs', mnt], { encoding: 'utf8' })
const canMount = mounted.status === 0
if (!canMount)
  process.stderr.write(`\n!!!!!!!! SKIPPING FULL-DISK SPECS !!!!!!!!\n!!! cannot mount a tmpfs (${(mounted.stderr || mounted.error?.message || '').trim()}): run as root with CAP_SYS_ADMIN\n\n`)
// eslint-disable-next-line @typescript-eslint/unbound-method -- uvu's test.skip does not use this
const diskTest = canMount ? test : test.skip

const KEY = { id: 'fullDiskKey', secret: 'full-disk-secret-0000001' }
const config = {
  listen: '127.0.0.1:0', accountId: '1234567890123456', region: 'cn-hangzhou',
  instances: [{ instanceId: 'kst-hzz62ee817bvyyr5x0001', kind: 'software', default: true }],
  accessKeys: [{ accessKeyId: KEY.id, accessKeySecret: KEY.secret }], store: { type: 'sqlite' },
}
const dataDir = join(mnt, 'data')
const filler = join(mnt, 'filler')

/** Writes until the disk says ENOSPC: then not one more page fits. */
const fillDisk = (): void => {
  const fd = openSync(filler, 'w')
  const chunk = Buffer.alloc(64 * 1024, 7)
  try {
    for (;;) writeSync(fd, chunk)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e
  } finally {
    closeSync(fd)
  }
  // Small writes too, so the last partial pages are taken.
  const fd2 = openSync(`${filler}-tail`, 'w')
  try { for (;;) writeSync(fd2, Buffer.alloc(512, 7)) } catch { /* full */ } finally { closeSync(fd2) }
}

diskTest('a full disk answers ServiceUnavailableTemporary (never a 5xx crash); the server serves in full once space returns; the files are intact', async () => {
  mkdirSync(dataDir)
  const s = await startServerProcess(dataDir, config, {}, 120_000)
  try {
    const pop = popClient(s.port, KEY)
    const keyId: string = (await pop.request('CreateKey', {}, { method: 'POST' })).KeyMetadata.KeyId
    const blob: string = (await pop.request('Encrypt', { KeyId: keyId, Plaintext: Buffer.from('before the disk filled').toString('base64') }, { method: 'POST' })).CiphertextBlob

    fillDisk()
    const codes: string[] = []
    for (let i = 0; i < 5; i++) {
      const e = await sdkError(pop.request('CreateKey', { Description: `while full ${i}` }, { method: 'POST' }))
      codes.push(e.code)
    }
    process.stderr.write(`full-disk answers: ${codes.join(', ')}\n`)
    if (!codes.every((c) => c.includes('ServiceUnavailableTemporary'))) process.stderr.write(s.log().split('\n').filter((l) => /fail|error/i.test(l)).slice(-6).join('\n'))
    for (const c of codes) assert.match(c, 'ServiceUnavailableTemporary')
    assert.ok(s.child.exitCode === null, 'the server is still running')

    unlinkSync(filler)
    unlinkSync(`${filler}-tail`)
    const again: string = (await pop.request('CreateKey', { Description: 'after space returned' }, { method: 'POST' })).KeyMetadata.KeyId
    const r = await pop.request('Decrypt', { CiphertextBlob: blob }, { method: 'POST' })
    assert.is(Buffer.from(r.Plaintext, 'base64').toString(), 'before the disk filled')
    assert.ok(again)
  } finally {
    assert.is(await s.stop(), 0)
  }
  const verify = spawnSync(process.execPath, ['bin/keyledger.js', 'audit', 'verify', '--data-dir', dataDir], { encoding: 'utf8', timeout: 120_000 })
  assert.is(verify.status, 0, `${verify.stdout}${verify.stderr}`)
  for (const db of ['events.sqlite', 'vault.sqlite', 'readstore.sqlite']) {
    const check = spawnSync('sqlite3', [join(dataDir, db), 'PRAGMA integrity_check'], { encoding: 'utf8' })
    if (check.error) break // no sqlite3 shell here: audit verify above read every event
    assert.is(check.stdout.trim(), 'ok', `${db}: ${check.stdout}${check.stderr}`)
  }
})

diskTest('a read-only data dir stops serve at start with DataDir.NotWritable (exit 3) naming the file it could not write', () => {
  const r = spawnSync('mount', ['-o', 'remount,ro', mnt], { encoding: 'utf8' })
  assert.is(r.status, 0, r.stderr)
  try {
    const s = spawnSync(process.execPath, ['bin/keyledger.js', 'serve', '--config', join(dataDir, 'config.json'), '--data-dir', dataDir], { encoding: 'utf8', timeout: 120_000 })
    const out = `${s.stdout}${s.stderr}`
    assert.is(s.status, 3, out)
    assert.match(out, 'DataDir.NotWritable')
    assert.match(out, `EROFS on ${dataDir}`)
    assert.not.match(out, 'listening on')
  } finally {
    spawnSync('mount', ['-o', 'remount,rw', mnt])
  }
})

diskTest('a corrupt row stops serve at start (exit 4, DataDir.UnreadableEvents) naming the stream and revision of the event', () => {
  const db = new Database(join(dataDir, 'events.sqlite'))
  let where: string
  try {
    const row = db.prepare("SELECT rowid AS id, stream_id || '@' || stream_revision AS at FROM events WHERE type = 'KeyCreated' ORDER BY rowid LIMIT 1").get() as { id: number; at: string }
    db.prepare('UPDATE events SET data = ? WHERE rowid = ?').run('{"broken":true}', row.id)
    where = row.at
  } finally {
    db.close()
  }
  const s = spawnSync(process.execPath, ['bin/keyledger.js', 'serve', '--config', join(dataDir, 'config.json'), '--data-dir', dataDir], { encoding: 'utf8', timeout: 120_000 })
  const out = `${s.stdout}${s.stderr}`
  assert.is(s.status, 4, out)
  assert.match(out, 'DataDir.UnreadableEvents')
  assert.match(out, `event ${where} does not decode`)
})

test.after(() => {
  if (canMount) spawnSync('umount', [mnt])
  rmSync(base, { recursive: true, force: true })
})
test.run()
