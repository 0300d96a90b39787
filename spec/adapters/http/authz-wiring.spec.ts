import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import pino from 'pino'
import { startApp } from '../../../composition/app.ts'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import { KEY_A, testConfig } from '../../support/api-server.ts'
import { call } from '../../support/signed-request.ts'

// The dispatcher fails closed: an action domain/policy has no permission for is refused, and a key action that
// succeeds without checking a key is a fault (500), never an answer. Both guard actions other helpers add.

const app = await startApp(testConfig(), {
  store: new MemoryEventStore(), logger: pino({ level: 'silent' }), env: {},
  actions: {
    Frobnicate: async () => E.right({ Done: true }),
    // in domain/policy as a key action, but this handler forgets to resolve its key
    GetPublicKey: async () => E.right({ PublicKey: 'x' }),
  },
})

test('an action without a permission in domain/policy is refused with 403', async () => {
  const r = await call(app.api.url, KEY_A, { Action: 'Frobnicate' })
  assert.is(r.status, 403)
  assert.is(r.body['Code'], 'Forbidden.NoPermission')
})

test('a key action that never checked its key is answered 500, not its result', async () => {
  const r = await call(app.api.url, KEY_A, { Action: 'GetPublicKey', KeyId: 'key-x' })
  assert.is(r.status, 500)
  assert.is(r.body['Code'], 'InternalFailure')
  assert.not.ok('PublicKey' in r.body)
})

test.after(() => app.close())
test.run()
