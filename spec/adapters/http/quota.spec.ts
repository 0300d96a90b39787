import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { consoleKeyPolicy } from '../../../domain/policy/index.ts'
import { defaultKeyPolicy } from '../../../domain/values/key-policy.ts'
import * as E from 'fp-ts/lib/Either.js'
import { ARN, KEYS, O, SteppingClock, startAuthzServer, type Who } from '../../support/authz-server.ts'
import { popClient, sdkError } from '../../support/sdk-clients.ts'

// S-5.4 through the API: with an access-management quota of 1, the instance's key policies may name one other
// main account (any number of its users, on any number of keys); a withdrawn grant gives its unit back 5 minutes
// later, by the Clock port and the events' times (no timer).

const clock = new SteppingClock()
const app = await startAuthzServer({ quota: 1, clock })
const pop = (w: Who) => popClient(app.api.port, KEYS[w])
const call = (action: string, params: Record<string, unknown>) => pop('oRoot').request(action, params, { method: 'POST' })

const naming = (...others: string[]): string => {
  const p = consoleKeyPolicy({ ownerAccountId: O, administrators: [ARN.alice], users: [ARN.ursula], otherAccountUsers: others })
  if (E.isLeft(p)) throw new Error(p.left.message)
  return JSON.stringify(p.right)
}
const setPolicy = (keyId: string, policy: string) => call('SetKeyPolicy', { KeyId: keyId, PolicyName: 'default', Policy: policy })
const limitExceeded = async (p: Promise<unknown>) => {
  const e = await sdkError(p)
  assert.is(e.data['Code'], 'Rejected.LimitExceeded', JSON.stringify(e.data))
  assert.is(e.data['HttpStatus'], 400)
}
const newKey = async (): Promise<string> => (await call('CreateKey', {})).KeyMetadata.KeyId

const k1 = await newKey()
const k2 = await newKey()

test('S-5.4 administrators and users of the owning account cost nothing', async () => {
  await setPolicy(k1, naming())
  await setPolicy(k2, naming())
  assert.equal(JSON.parse((await call('GetKeyPolicy', { KeyId: k2 })).Policy), JSON.parse(naming()))
})

test('S-5.4 quota 1: one other account, counted once however many of its users and keys', async () => {
  await setPolicy(k1, naming(ARN.bob))
  await setPolicy(k2, naming(ARN.bob, ARN.carol))
  await limitExceeded(setPolicy(k2, naming(ARN.bob, ARN.dave))) // a second other account
  await limitExceeded(call('CreateKey', { Policy: naming(ARN.dave) })) // CreateKey `Policy` counts the same
  // the refused policy was not stored
  assert.equal(JSON.parse((await call('GetKeyPolicy', { KeyId: k2 })).Policy), JSON.parse(naming(ARN.bob, ARN.carol)))
})

test('S-5.4 a withdrawn grant gives its unit back 5 minutes later, not before', async () => {
  const owner = JSON.stringify(defaultKeyPolicy(O))
  await setPolicy(k1, owner)
  await setPolicy(k2, naming()) // account X no longer named anywhere: its unit is returning
  await limitExceeded(setPolicy(k1, naming(ARN.dave)))
  clock.advance(5 * 60_000 - 1_000)
  await limitExceeded(setPolicy(k1, naming(ARN.dave)))
  clock.advance(1_000)
  await setPolicy(k1, naming(ARN.dave))
  // and now Z holds the one unit
  await limitExceeded(setPolicy(k2, naming(ARN.bob)))
})

test('S-5.4 deleting a key withdraws its grants too (KeyDeleted → no policy)', async () => {
  // k1 names Z, the one unit. The scheduler deletes it at the end of its pending window (S-8.1).
  await call('ScheduleKeyDeletion', { KeyId: k1, PendingWindowInDays: 7 })
  const deleteDate = new Date(clock.now().getTime() + 7 * 86_400_000).toISOString()
  const deleted = await app.services.keys.execute(k1, { type: 'DeleteKey', now: deleteDate },
    { principal: ARN.oRoot, requestId: 'scheduler-1', now: clock.now() })
  assert.ok(E.isRight(deleted))
  await limitExceeded(setPolicy(k2, naming(ARN.bob)))
  clock.advance(5 * 60_000)
  await setPolicy(k2, naming(ARN.bob))
})

test.after(() => app.close())
test.run()
