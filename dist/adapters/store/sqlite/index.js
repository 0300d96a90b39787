export { SqliteEventStore } from "./event-store.js";
export { StoredEventUnreadable } from "./rows.js";
export { UnusableDatabase, SCHEMA_VERSION } from "./schema.js";
export { openDatabase } from "./open.js";
