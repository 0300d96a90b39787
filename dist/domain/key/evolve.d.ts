import type { KeyEvent } from './events.ts';
import type { KeyState } from './state.ts';
/** Folds one accepted event into the state. It never fails: `decide` already checked every rule. */
export declare const evolve: (s: KeyState, e: KeyEvent) => KeyState;
export declare const foldKey: (events: readonly KeyEvent[], from: KeyState) => KeyState;
