import type { KeyState } from '../../domain/key/index.ts'
import type { Decision, KmsAction } from '../../domain/policy/index.ts'

// The key decisions of a hot key, remembered (issue 11): parsing a key's policy text and walking its statements
// cost every data-plane call as much as the AES operation itself. A decision made without any `Condition` in
// play is a pure function of the key's state (policy text, owner, ARN, instance), the principal, the action and
// the deployment's static configuration (identity policies, shared instances). So it is kept per key state
// *object*: a key state is immutable, and any change to the key (DisableKey, PutKeyPolicy, rotation…) is a new
// event, so a new fold and a new state object, which finds nothing here: the very next call decides afresh.
// A WeakMap, so a state the stream cache forgets is forgotten here too. A decision that a condition took part in
// depends on the request (time, source IP, encryption context…) and is never kept, nor is a decision for a caller
// of another account, whose refusal must cost the same on a key that exists as on one that does not
// (access-control.ts; docs/architecture.md §7 "Fair audit").

/** Principals × actions remembered per key state: a bound, so a caller cycling principals cannot grow it. */
const MAX_PER_STATE = 256

export class KeyDecisionCache {
  private readonly byState = new WeakMap<KeyState, Map<string, Decision>>()

  get(key: KeyState, principal: string, action: KmsAction): Decision | undefined {
    return this.byState.get(key)?.get(`${principal}\n${action}`)
  }

  set(key: KeyState, principal: string, action: KmsAction, decision: Decision): void {
    let decided = this.byState.get(key)
    if (decided === undefined) this.byState.set(key, (decided = new Map<string, Decision>()))
    else if (decided.size >= MAX_PER_STATE) decided.clear()
    decided.set(`${principal}\n${action}`, decision)
  }
}
