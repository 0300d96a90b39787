export * from './root-key.ts'
export * from './wrap.ts'
export * from './sqlite-vault.ts'
