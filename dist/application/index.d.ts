export * from "../domain/kernel/context.ts";
export * from "../domain/kernel/decider.ts";
export * from "./command-handler.ts";
export * from "./key-service.ts";
export * from "../domain/kernel/upcast.ts";
