import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { AccessControl } from '../../application/access/access-control.ts'
import { resolveKey, type KeyRefOptions } from '../../application/access/key-access.ts'
import { authorizedRequest, type Caller } from '../../application/access/request-access.ts'
import { cryptoCall, type CryptoCall } from '../../application/crypto/call.ts'
import type { KmsError } from '../../domain/errors.ts'
import type { KeyState } from '../../domain/key/state.ts'
import type { RamIdentityPolicies } from '../../domain/policy/index.ts'
import type { UsageRecord } from '../../domain/ports/usage-recorder.ts'
import { REGION, type CryptoFixture } from './crypto-fixture.ts'

// The use-case harness (docs/architecture.md §13): given a key and a caller, when a call runs through the
// application exactly as a request does (authorizedRequest → the use case → the key-access step, with the real
// AccessControl over domain/policy), then its answer and the ActionInvoked records it left on the key's usage
// stream — each expected record compared on the fields it names.

export type Expected = Partial<UsageRecord>

export const useCaseSpec = (f: CryptoFixture, identityPolicies: RamIdentityPolicies = []) => {
  const control = new AccessControl({ identityPolicies, instances: [], region: REGION, usage: f.usage })
  const run = async <A>(key: KeyState, caller: Caller, action: string, use: (call: CryptoCall, keyAccess: (ref: string, opts: KeyRefOptions) => Promise<E.Either<KmsError, KeyState>>) => Promise<E.Either<KmsError, A>>) => {
    const before = (await f.usageOf(key.keyId)).length
    const command = { ...f.ctx(), principal: caller.principal }
    const answered = await authorizedRequest(control, action, caller, command, (access) => use(
      cryptoCall(access, command, { accountId: caller.accountId, region: REGION }),
      (ref, opts) => resolveKey({ access, action, accountId: caller.accountId, region: REGION }, f.keys, ref, opts),
    ))
    const records = (await f.usageOf(key.keyId)).slice(before)
    const compare = (expected: readonly Expected[]) => {
      assert.is(records.length, expected.length, `records: ${JSON.stringify(records)}`)
      expected.forEach((want, i) => {
        const got = records[i]!
        assert.equal(Object.fromEntries(Object.keys(want).map((k) => [k, got[k]])), want, `record ${i + 1}`)
      })
    }
    return {
      thenAnswers: (check: (answer: A) => void, recorded: readonly Expected[]): void => {
        if (E.isLeft(answered.result)) return assert.unreachable(`refused: ${answered.result.left.code} ${answered.result.left.message}`)
        check(answered.result.right)
        compare(recorded)
      },
      thenRefused: (code: string, recorded: readonly Expected[]): void => {
        if (E.isRight(answered.result)) return assert.unreachable(`answered ${JSON.stringify(answered.result.right)}, expected ${code}`)
        assert.is(answered.result.left.code, code, answered.result.left.message)
        compare(recorded)
      },
    }
  }
  return {
    given: (key: KeyState) => ({
      and: (caller: Caller) => ({
        when: <A>(action: string, use: Parameters<typeof run<A>>[3]) => run(key, caller, action, use),
      }),
    }),
  }
}
