import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import type { Decider } from '../../domain/kernel/decider.ts'

// The decider harness (docs/architecture.md §13), in the manner of Emmett's DeciderSpecification:
//   spec.given(...events).when(command).then(...events)   the events decided, data compared, each one a valid
//                                                          stored event (the decider's codec) that folds
//   spec.given(...events).when(command).thenNothing()     an accepted command that changes nothing
//   spec.given(...events).when(command).thenRefused(code) the refusal's API code (and HTTP status and the exact
//                                                          message the client reads, when given)
// The history is folded with the decider's own `evolve`, so a spec states facts, never a hand-built state.

export const deciderSpec = <C, S, Ev extends { type: string; data: unknown }>(decider: Decider<C, S, Ev>) => ({
  given: (...history: Ev[]) => ({
    when: (command: C) => {
      for (const e of history) assert.ok(decider.codec.is(e), `given: ${e.type} is not a valid stored event`)
      const state = history.reduce(decider.evolve, decider.initialState)
      const decided = decider.decide(command, state)
      const accepted = (): Ev[] => {
        if (E.isLeft(decided)) return assert.unreachable(`refused with ${decided.left.code}: ${decided.left.message}`) as never
        return decided.right
      }
      return {
        then: (...expected: Ev[]): S => {
          const events = accepted()
          assert.equal(events, expected)
          for (const e of events) assert.ok(decider.codec.is(e), `${e.type} does not pass the decider's codec`)
          return events.reduce(decider.evolve, state)
        },
        thenNothing: (): void => assert.equal(accepted(), []),
        thenRefused: (code: string, httpStatus?: number, message?: string): void => {
          if (E.isRight(decided)) assert.unreachable(`accepted with ${JSON.stringify(decided.right)}, expected ${code}`)
          else {
            assert.is(decided.left.code, code, decided.left.message)
            if (httpStatus !== undefined) assert.is(decided.left.httpStatus, httpStatus)
            if (message !== undefined) assert.is(decided.left.message, message)
          }
        },
      }
    },
  }),
})
