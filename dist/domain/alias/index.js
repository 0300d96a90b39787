export * from "./alias.js";
