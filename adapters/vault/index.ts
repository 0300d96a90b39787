export * from './wrap.ts'
export * from './key-vault.ts'
export * from './sqlite-vault.ts'
export * from './esdb-vault.ts'
