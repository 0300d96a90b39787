export * from './errors.ts';
export * from './values/index.ts';
export * from './key/index.ts';
