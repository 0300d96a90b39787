import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { buildServeConfig, storeTarget } from '../../../composition/settings.ts'

// Issue 13, finding 6: a --config file holding secrets was accepted at mode 0644, so every local user could read
// the access key secrets in it. Now such a file must be the owner's alone (no group or other bits); a file
// holding no secret may stay readable.

const withFile = (content: unknown, mode: number, run: (file: string, dir: string) => void) => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-config-'))
  try {
    const file = join(dir, 'config.json')
    writeFileSync(file, JSON.stringify(content))
    chmodSync(file, mode)
    run(file, dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const secretKey = { accessKeyId: 'LTAIconfigured000000001', accessKeySecret: 'configured-secret-0123456789' }
const refusedFor = (r: E.Either<string, unknown>, what: string) => {
  assert.ok(E.isLeft(r), 'accepted')
  if (E.isLeft(r)) {
    assert.match(r.left, what)
    assert.match(r.left, 'chmod 600')
  }
}

test('finding 6: serve refuses a config holding an access key secret at 0644, 0640 or 0604, and accepts it at 0600', () => {
  for (const mode of [0o644, 0o640, 0o604]) {
    withFile({ bootstrapAccessKey: false, accessKeys: [secretKey] }, mode, (config, dir) =>
      refusedFor(buildServeConfig({ dataDir: dir, config }, {}), 'accessKeys[0].accessKeySecret'))
  }
  withFile({ bootstrapAccessKey: false, accessKeys: [secretKey] }, 0o600, (config, dir) =>
    assert.ok(E.isRight(buildServeConfig({ dataDir: dir, config }, {}))))
})

test('finding 6: a PKCS#11 PIN and a store URL with a password are secrets too; the reporting commands refuse as well', () => {
  withFile({ instances: [{ instanceId: 'kst-x', kind: 'hardware', pkcs11: { tokenLabel: 't', pin: '1234' } }] }, 0o644, (config, dir) =>
    refusedFor(buildServeConfig({ dataDir: dir, config }, {}), 'instances[0].pkcs11.pin'))
  withFile({ store: { type: 'esdb', url: 'esdb://admin:changeit@localhost:2113?tls=false' } }, 0o644, (config) =>
    assert.throws(() => storeTarget({ config }), /store\.url/))
})

test('finding 6: a config without secrets (pinEnv, no accessKeys) may stay world-readable', () => {
  withFile({ region: 'cn-shanghai', instances: [{ instanceId: 'kst-x', kind: 'software', default: true }] }, 0o644, (config, dir) =>
    assert.ok(E.isRight(buildServeConfig({ dataDir: dir, config }, {}))))
})

test.run()
