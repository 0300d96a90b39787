import type { Decider } from '../kernel/decider.ts'
import type { KeyCommand } from './commands.ts'
import { decide } from './decide.ts'
import { KeyEvent } from './events.ts'
import { evolve } from './evolve.ts'
import { initialState, type KeyState } from './state.ts'

/** The key aggregate's rules as a decider (docs/architecture.md §4). */
export const keyDecider: Decider<KeyCommand, KeyState, KeyEvent> = { initialState, decide, evolve, codec: KeyEvent }
