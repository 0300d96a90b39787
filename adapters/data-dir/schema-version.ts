import type Database from 'better-sqlite3'

// Every database keyledger writes records which keyledger file it is (`PRAGMA application_id`) and its schema
// version (`PRAGMA user_version`), as the event store always did (adapters/store/sqlite/schema.ts). A file newer
// than this build is refused with a message naming it; a 0.1.0 file (no stamp: 0.1.0 stamped only the events)
// is stamped on first open, a header write that changes no row (docs/operations.md#upgrades).

export interface SchemaStamp {
  /** What the file is, for messages ("vault"). */
  readonly what: string
  /** Four ASCII letters as a 32-bit number, e.g. 'KLDV'. */
  readonly applicationId: number
  /** The schema version this build writes and reads. */
  readonly version: number
}

export const appId = (four: string): number => Buffer.from(four, 'ascii').readUInt32BE(0)

export const SCHEMAS = {
  vault: { what: 'vault', applicationId: appId('KLDV'), version: 1 },
  accessKeys: { what: 'access key store', applicationId: appId('KLDA'), version: 1 },
  readStore: { what: 'read store', applicationId: appId('KLDR'), version: 1 },
  /** 1: keyed by (access key, nonce), WITHOUT ROWID (unstamped before issue 11); 2: append-only rowid table. */
  nonceJournal: { what: 'nonce journal', applicationId: appId('KLDN'), version: 2 },
  /** The verifiable log's tree beside a store that has none of its own (EventStoreDB): audit-tree.sqlite. */
  auditTree: { what: 'audit tree', applicationId: appId('KLDT'), version: 1 },
} as const satisfies Record<string, SchemaStamp>

/** Thrown for a file written by a newer keyledger, or by something else: the message starts with its code. */
export class UnsupportedSchema extends Error {
  override name = 'UnsupportedSchema'
}

export interface SchemaState { readonly version: number; readonly applicationId: number }

export const readSchema = (db: Database.Database): SchemaState => ({
  version: db.pragma('user_version', { simple: true }) as number,
  applicationId: db.pragma('application_id', { simple: true }) as number,
})

/** Refuses a newer or foreign file; stamps an unstamped (0.1.0) one. Call right after opening. */
export const checkSchema = (db: Database.Database, path: string, s: SchemaStamp): void => {
  const { version, applicationId } = readSchema(db)
  if (applicationId !== 0 && applicationId !== s.applicationId)
    throw new UnsupportedSchema(`DataDir.ForeignFile: ${path} is not a keyledger ${s.what} (application_id ${applicationId})`)
  if (version > s.version)
    throw new UnsupportedSchema(`DataDir.TooNew: ${path} has ${s.what} schema version ${version}, newer than this keyledger knows (${s.version}): ` +
      'a newer keyledger wrote it. Run that version (or newer); this one never reads a format it does not know')
  if (version < s.version || applicationId === 0) {
    db.pragma(`application_id = ${s.applicationId}`)
    db.pragma(`user_version = ${s.version}`)
  }
}
