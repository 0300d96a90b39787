import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildServeConfig } from '../../../adapters/cli/serve.ts'
import { BOOTSTRAP_KEY_FILE } from '../../../adapters/cli/bootstrap.ts'

// The bootstrap access key of `keyledger serve` (docs/architecture.md §9): a key file others can read stops the start (as
// root.key does) instead of being quietly tightened, and the key can be turned off by config or environment.

const withDir = (run: (dir: string) => void) => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-boot-'))
  try {
    run(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
const KEY = { accessKeyId: 'LTAIbootstrap0000000001', accessKeySecret: 'bootstrap-secret-0123456789' }

test('a world- or group-readable bootstrap key file stops the start with a clear message and is left as found', () => withDir((dir) => {
  for (const mode of [0o644, 0o640]) {
    const file = join(dir, BOOTSTRAP_KEY_FILE)
    writeFileSync(file, JSON.stringify(KEY))
    chmodSync(file, mode)
    const built = buildServeConfig({ dataDir: dir }, {})
    assert.ok(E.isLeft(built), mode.toString(8))
    assert.match(E.isLeft(built) ? built.left : '', 'readable by group or others')
    assert.not.match(E.isLeft(built) ? built.left : '', KEY.accessKeySecret)
    assert.is(statSync(file).mode & 0o777, mode, 'not quietly chmodded')
    rmSync(file)
  }
}))

test('a 0600 bootstrap key file is served', () => withDir((dir) => {
  writeFileSync(join(dir, BOOTSTRAP_KEY_FILE), JSON.stringify(KEY), { mode: 0o600 })
  const built = buildServeConfig({ dataDir: dir }, {})
  assert.ok(E.isRight(built) && built.right.config.accessKeys.some((k) => k.accessKeyId === KEY.accessKeyId))
}))

test('the bootstrap key can be turned off: "bootstrapAccessKey": false in --config, or KMS_BOOTSTRAP_ACCESS_KEY=off', () => withDir((dir) => {
  const config = join(dir, 'config.json')
  const extra = { accessKeyId: 'LTAIconfigured000000001', accessKeySecret: 'configured-secret-0123456789' }
  writeFileSync(config, JSON.stringify({ bootstrapAccessKey: false, accessKeys: [extra] }))
  const byFile = buildServeConfig({ dataDir: dir, config }, {})
  assert.ok(E.isRight(byFile))
  if (E.isRight(byFile)) {
    assert.equal(byFile.right.config.accessKeys.map((k) => k.accessKeyId), [extra.accessKeyId])
    assert.ok(byFile.right.notes.some((n) => n.includes('bootstrap access key off')))
  }
  assert.not.ok(existsSync(join(dir, BOOTSTRAP_KEY_FILE)), 'no key file made')
  const byEnv = buildServeConfig({ dataDir: dir }, { KMS_BOOTSTRAP_ACCESS_KEY: 'off', KMS_ROOT_ACCESS_KEY_ID: KEY.accessKeyId, KMS_ROOT_ACCESS_KEY_SECRET: KEY.accessKeySecret })
  assert.ok(E.isRight(byEnv) && byEnv.right.config.accessKeys.length === 0)
  assert.not.ok(existsSync(join(dir, BOOTSTRAP_KEY_FILE)))
  const on = buildServeConfig({ dataDir: dir }, {})
  assert.ok(E.isRight(on) && on.right.config.accessKeys.length === 1 && existsSync(join(dir, BOOTSTRAP_KEY_FILE)))
}))

test.run()
