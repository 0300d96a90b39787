import * as assert from 'uvu/assert'
import { execFile, spawnSync } from 'node:child_process'
import { promisify } from 'node:util'
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { popClient } from './sdk-clients.ts'
import { startServerProcess } from './server-process.ts'

// The world of the verifiable-log CLI specs (spec/adapters/cli/verifiable-log-*.spec.ts). Issue 14 as an auditor meets it, every command a real process on a real server's data dir
// (docs/verifiable-log.md). A checkpoint is taken while the server runs and kept outside the data dir; then the
// insider of the issue edits a key's KeyCreated, re-seals the stream's chain and updates the read store's anchor:
// the chain check is fooled, the checkpoint is not, and names the event. Truncation, reordering, insertion and a
// fork shown to two auditors are caught the same way.

export const ACCOUNT = '1234567890123456'
const KEY = { id: 'verifiableLogKey', secret: 'verifiable-log-secret-0001' }
export const base = mkdtempSync(join(tmpdir(), 'keyledger-verifiable-log-'))
export const dataDir = join(base, 'data')
export const auditor = join(base, 'auditor') // outside the data dir: what the insider cannot reach
mkdirSync(dataDir)
mkdirSync(auditor)
const config = {
  listen: '127.0.0.1:0', accountId: ACCOUNT, region: 'cn-hangzhou',
  instances: [{ instanceId: 'kst-hzz62ee817bvyyr5x0001', kind: 'software', default: true }],
  accessKeys: [{ accessKeyId: KEY.id, accessKeySecret: KEY.secret }],
  store: { type: 'sqlite' }, scheduler: { enabled: false },
}

export const keyledger = (dir: string, ...argv: string[]) => {
  const r = spawnSync(process.execPath, ['bin/keyledger.js', ...argv, '--data-dir', dir], { encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
export const offline = (...argv: string[]) => {
  const r = spawnSync(process.execPath, ['bin/keyledger.js', ...argv], { encoding: 'utf8', cwd: process.cwd(), env: { ...process.env, KMS_DATA_DIR: join(base, 'nowhere') } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const server = await startServerProcess(dataDir, config)
// A new client (a new connection) for each call: the checkpoint below can take as long as the server's 5-s keep-alive
// timeout on a loaded machine, and a request sent on a kept-alive connection just as the server closes it fails
// "socket hang up" (CI, fifth session) — a race of the client's pool, not the product's answer.
const call = (action: string, params: Record<string, unknown> = {}) => popClient(server.port, KEY).request(action, params, { method: 'POST' })
export const keyId: string = (await call('CreateKey', { Description: 'payments signing key' })).KeyMetadata.KeyId
await call('DisableKey', { KeyId: keyId })
await call('EnableKey', { KeyId: keyId })
export const other: string = (await call('CreateKey', { Description: 'other' })).KeyMetadata.KeyId
// the auditor's checkpoint, taken while the server serves, kept in the auditor's own directory (run without
// blocking this process: the client's keep-alive connection must stay served)
await promisify(execFile)(process.execPath, ['bin/keyledger.js', 'audit', 'checkpoint', '--out', join(auditor, 'early.checkpoint'), '--data-dir', dataDir])
await call('UpdateKeyDescription', { KeyId: keyId, Description: 'payments signing key v2' })
await call('TagResource', { KeyId: other, Tags: JSON.stringify([{ TagKey: 'env', TagValue: 'prod' }]) })
assert.is(await server.stop(), 0)
export const pub = keyledger(dataDir, 'audit', 'public-key')
writeFileSync(join(auditor, 'audit.pub'), pub.out)
export const stream = `key-${keyId}`

export const copyOf = (name: string): string => {
  const copy = join(base, name)
  cpSync(dataDir, copy, { recursive: true })
  return copy
}
export const verifyAgainst = (dir: string, ...checkpoints: string[]) =>
  keyledger(dir, 'audit', 'verify', ...checkpoints.flatMap((c) => ['--checkpoint', c]), '--public-key', join(auditor, 'audit.pub'))
