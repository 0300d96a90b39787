export { SqliteEventStore, type AppendWriter, type AppendWriterFactory, type SqliteEventStoreOptions } from './event-store.ts'
export { StoredEventUnreadable } from './rows.ts'
export { UnusableDatabase, SCHEMA_VERSION } from './schema.ts'
export { openDatabase } from './open.ts'
