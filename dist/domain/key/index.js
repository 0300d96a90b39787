export * from "./commands.js";
export * from "./events.js";
export * from "./state.js";
export * from "./state-table.js";
export * from "./evolve.js";
export * from "./decide.js";
export * from "./default-key-slot.js";
export * from "./decider.js";
