export * from "./wrap.js";
export * from "../../domain/ports/key-vault.js";
export * from "./sqlite-vault.js";
export * from "./esdb-vault.js";
export * from "./wrapped-rows.js";
export * from "./sqlite-wrapped-rows.js";
export * from "./esdb-wrapped-rows.js";
