import { decide } from "./decide.js";
import { KeyEvent } from "./events.js";
import { evolve } from "./evolve.js";
import { initialState } from "./state.js";
/** The key aggregate's rules as a decider (docs/architecture.md §4). */
export const keyDecider = { initialState, decide, evolve, codec: KeyEvent };
