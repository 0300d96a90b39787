export * from "./errors.js";
export * from "./values/index.js";
export * from "./key/index.js";
