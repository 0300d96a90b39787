import type { Decider } from '../kernel/decider.ts';
import type { KeyCommand } from './commands.ts';
import { KeyEvent } from './events.ts';
import { type KeyState } from './state.ts';
/** The key aggregate's rules as a decider (docs/architecture.md §4). */
export declare const keyDecider: Decider<KeyCommand, KeyState, KeyEvent>;
