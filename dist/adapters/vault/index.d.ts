export * from './wrap.ts';
export * from '../../domain/ports/key-vault.ts';
export * from './sqlite-vault.ts';
export * from './esdb-vault.ts';
export * from './wrapped-rows.ts';
export * from './sqlite-wrapped-rows.ts';
export * from './esdb-wrapped-rows.ts';
