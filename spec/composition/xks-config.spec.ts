import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { decodeConfig } from '../../composition/config.ts'
import { openXksExecutor } from '../../composition/xks-instances.ts'
import { rawConfig } from '../support/authz-server.ts'

// An external instance's "xks" settings (docs/external-keys.md "Configuration"): what the XKS Proxy API allows,
// checked when the configuration is read, so a typo stops the start instead of turning into 503s.

const xks = { uri: 'https://xks.example.com', uriPath: '/tenant-a/kms/xks/v1', accessKeyId: 'AKIAI2SFODNN7EXAMPLE', secretAccessKeyEnv: 'XKS_SECRET' }
const external = (over: Record<string, unknown> = {}, instance: Record<string, unknown> = {}) =>
  decodeConfig({ ...rawConfig(), instances: [{ instanceId: 'kst-ext', kind: 'external', xks: { ...xks, ...over }, ...instance }] })
const refused = (r: E.Either<string, unknown>, text: string) => {
  assert.ok(E.isLeft(r), 'accepted')
  if (E.isLeft(r)) assert.match(r.left, text)
}

test('an external instance with its proxy URI, path and SigV4 credential decodes', () => {
  assert.ok(E.isRight(external()))
  assert.ok(E.isRight(external({ uri: 'https://localhost:8443', timeoutMs: 500, region: 'cn-shanghai' })))
})

test('the proxy is HTTPS, its path ends in /kms/xks/v1 within the allowed alphabet, the access key id has the XKS shape', () => {
  refused(external({ uri: 'http://xks.example.com' }), 'https')
  refused(external({ uri: 'https://xks.example.com/path' }), 'no path')
  refused(external({ uriPath: '/tenant-a/kms/xks/v2' }), 'kms/xks/v1')
  refused(external({ uriPath: '/tenant a/kms/xks/v1' }), 'kms/xks/v1')
  refused(external({ accessKeyId: 'short' }), 'accessKeyId')
  refused(external({ timeoutMs: 0 }), 'timeoutMs')
})

test('the secret is given exactly once (env variable name or value); only external instances take "xks", and they need it', () => {
  refused(external({ secretAccessKey: 'x'.repeat(43) }), 'exactly one')
  const { secretAccessKeyEnv: _env, ...noSecret } = xks
  refused(decodeConfig({ ...rawConfig(), instances: [{ instanceId: 'kst-ext', kind: 'external', xks: noSecret }] }), 'exactly one')
  refused(decodeConfig({ ...rawConfig(), instances: [{ instanceId: 'kst-ext', kind: 'external' }] }), 'needs "xks"')
  refused(decodeConfig({ ...rawConfig(), instances: [{ instanceId: 'kst-s', kind: 'software', xks }] }), 'only external')
})

test('the secret comes from the named environment variable; a missing one stops the start with a message that names the variable, not a value', () => {
  const r = external()
  if (E.isLeft(r)) return assert.unreachable(r.left)
  const i = r.right.instances[0]!
  const missing = openXksExecutor(i, {}, 'cn-hangzhou')
  assert.ok(E.isLeft(missing) && missing.left.message.includes('XKS_SECRET'))
  const opened = openXksExecutor(i, { XKS_SECRET: 'FYtE5EFA5FT0mCc3DrGUe2sti527BitkQ0Zr9MO9fvE' }, 'cn-hangzhou')
  assert.ok(E.isRight(opened))
  if (E.isRight(opened)) void opened.right.close()
})

test.run()
