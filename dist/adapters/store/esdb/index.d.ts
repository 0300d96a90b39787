export { EsdbEventStore, openEsdbEventStore, type EsdbStoreOptions } from './store.ts';
export type { Backoff } from './backoff.ts';
export { SharedCommitPosition } from './positions.ts';
