export * from "./alias.ts";
