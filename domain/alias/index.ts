export * from "./alias.ts"
