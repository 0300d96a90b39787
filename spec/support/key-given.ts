import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { decide, evolve, initialState, type CreateKey, type KeyCommand, type KeyEvent, type KeyState } from '../../domain/key/index.ts'

// given(events…).when(command).thenEvents(…) / .thenRejects(code): specs read as the seed does (STYLE.md).

export const T0 = '2026-01-01T00:00:00.000Z'
export const KEY_ID = 'key-abcdefgh12345678'
export const ACCOUNT = '1234567890123456'
export const REGION = 'cn-hangzhou'

export const daysAfter = (iso: string, days: number): string => new Date(Date.parse(iso) + days * 86_400_000).toISOString()

let versionCounter = 0
export const versionId = (): string => `00000000-0000-4000-8000-${String(++versionCounter).padStart(12, '0')}`

export const createKeyCommand = (over: Partial<CreateKey> = {}): CreateKey => ({
  type: 'CreateKey', now: T0, keyId: KEY_ID, versionId: versionId(), accountId: ACCOUNT, region: REGION,
  kind: 'software', instanceId: 'kst-test0001', externalKeyId: null, spec: 'Aliyun_AES_256', usage: null,
  origin: 'Aliyun_KMS', protectionLevel: 'SOFTWARE', description: '', creator: ACCOUNT, rotation: null,
  policy: '{"Version":"1","Statement":[]}', tags: [], ...over,
})

/** The events a successful CreateKey gives: the usual first fact of a spec. */
export const created = (over: Partial<CreateKey> = {}): KeyEvent[] => run(createKeyCommand(over), initialState)

export const run = (cmd: KeyCommand, s: KeyState): KeyEvent[] => {
  const r = decide(cmd, s)
  if (E.isLeft(r)) throw new Error(`setup command ${cmd.type} was rejected: ${r.left.code} ${r.left.message}`)
  return r.right
}

export const stateOf = (events: readonly KeyEvent[]): KeyState => events.reduce(evolve, initialState)

/** Commands given as history are decided one after another and their events kept. */
export type Fact = KeyEvent[] | KeyCommand

export const given = (...facts: Fact[]) => {
  let state = initialState
  for (const f of facts) {
    const events = Array.isArray(f) ? f : run(f, state)
    state = events.reduce(evolve, state)
  }
  return {
    state,
    when: (cmd: KeyCommand) => {
      const result = decide(cmd, state)
      return {
        result,
        thenRejects(code: string) {
          if (E.isRight(result)) assert.unreachable(`expected ${code}, got events ${JSON.stringify(result.right.map((e) => e.type))}`)
          else assert.is(result.left.code, code, result.left.message)
          return this
        },
        thenEvents(...types: KeyEvent['type'][]) {
          if (E.isLeft(result)) assert.unreachable(`expected ${types.join(', ')}, got ${result.left.code}: ${result.left.message}`)
          else assert.equal(result.right.map((e) => e.type), types)
          return this
        },
        thenState(check: (s: KeyState) => void) {
          if (E.isLeft(result)) assert.unreachable(`expected events, got ${result.left.code}`)
          else check(result.right.reduce(evolve, state))
          return this
        },
        events: (): KeyEvent[] => (E.isRight(result) ? result.right : []),
      }
    },
  }
}
