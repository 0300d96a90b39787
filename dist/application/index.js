export * from "../domain/kernel/context.js";
export * from "../domain/kernel/decider.js";
export * from "./command-handler.js";
export * from "./key-service.js";
export * from "../domain/kernel/upcast.js";
