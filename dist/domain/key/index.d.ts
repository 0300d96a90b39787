export * from './commands.ts';
export * from './events.ts';
export * from './state.ts';
export * from './state-table.ts';
export * from './evolve.ts';
export * from './decide.ts';
export * from "./default-key-slot.ts";
export * from "./decider.ts";
