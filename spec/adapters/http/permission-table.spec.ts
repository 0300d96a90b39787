import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { API_ACTIONS } from '../../../domain/policy/actions.ts'
import { actionHandlers } from '../../../adapters/http/actions/index.ts'

// The permission table and the action tables describe one API: a permission without a handler is an action an
// administrator could grant and audit for, that the server then answers InvalidAction.NotFound.

const served = new Set(Object.keys(actionHandlers))

test('every API action with a permission has a handler', () => {
  const unserved = API_ACTIONS.filter((a) => !served.has(a))
  assert.equal(unserved, [])
})

test('GenerateMac and VerifyMac (HMAC keys, issue 15) are served and carry their permission', () => {
  for (const a of ['GenerateMac', 'VerifyMac']) {
    assert.ok(served.has(a), a)
    assert.ok(API_ACTIONS.includes(a), a)
  }
})

test.run()
