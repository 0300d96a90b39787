import { sealedEntryOf } from "../../../domain/audit/leaf.js";
import { AUDIT_TREE_TABLES, SqliteMerkleTree } from "../../audit/sqlite-tree.js";
/** 'KLDG': marks the file as a keyledger event store, so we never migrate someone else's database. */
export const APPLICATION_ID = 0x4b4c4447;
/**
 * Migrations in order; `PRAGMA user_version` counts how many ran. Append new ones, never edit an old one:
 * files in the field were created by it.
 */
const MIGRATIONS = [
    (db) => {
        // position is the rowid: SQLite has one writer at a time, so positions commit in order and a catch-up
        // reader never sees a gap fill in later (unlike a sequence in a concurrent database). Rows are never
        // deleted, so AUTOINCREMENT's no-reuse guarantee is not needed.
        db.exec(`
      CREATE TABLE events (
        position        INTEGER PRIMARY KEY,
        stream_id       TEXT    NOT NULL,
        stream_revision INTEGER NOT NULL,
        event_id        TEXT    NOT NULL UNIQUE,
        type            TEXT    NOT NULL,
        data            TEXT    NOT NULL, -- JSON
        metadata        TEXT    NOT NULL, -- JSON, with the hash chain links
        UNIQUE (stream_id, stream_revision)
      ) STRICT;
    `);
        db.pragma(`application_id = ${APPLICATION_ID}`);
    },
    (db) => {
        // 2: the audit tree (docs/verifiable-log.md), grown in each append's transaction from now on, built here
        // from the events already stored, in position order, with the hashes they were sealed with.
        db.exec(AUDIT_TREE_TABLES);
        const tree = new SqliteMerkleTree(db);
        const rows = db.prepare(`SELECT position, stream_id AS streamId, stream_revision AS revision, json_extract(metadata, '$.hash') AS hash
      FROM events ORDER BY position`).iterate();
        let batch = [];
        for (const r of rows) {
            if (typeof r.hash !== 'string')
                throw new UnusableDatabase(`event ${r.streamId}@${r.revision} (position ${r.position}) has no hash: run keyledger audit verify`);
            batch.push(sealedEntryOf({ ...r, metadata: { hash: r.hash } }));
            if (batch.length === 10_000) {
                tree.append(batch);
                batch = [];
            }
        }
        tree.append(batch);
    },
];
export const SCHEMA_VERSION = MIGRATIONS.length;
export class UnusableDatabase extends Error {
    name = 'UnusableDatabase';
}
/** Brings the file to SCHEMA_VERSION. Runs under the write lock, so two processes opening a new file do not race. */
export const migrate = (db, path) => {
    db.exec('BEGIN IMMEDIATE');
    try {
        const version = db.pragma('user_version', { simple: true });
        const appId = db.pragma('application_id', { simple: true });
        const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'`).get().n;
        if (appId !== APPLICATION_ID && (appId !== 0 || version !== 0 || tables > 0))
            throw new UnusableDatabase(`${path} is not a keyledger event store (application_id ${appId}, ${tables} tables)`);
        if (version > SCHEMA_VERSION)
            throw new UnusableDatabase(`DataDir.TooNew: ${path} has event store schema version ${version}, newer than this keyledger knows (${SCHEMA_VERSION}): a newer keyledger wrote it. Run that version (or newer): upgrade keyledger`);
        for (let v = version; v < SCHEMA_VERSION; v++)
            MIGRATIONS[v](db);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
        db.exec('COMMIT');
    }
    catch (e) {
        if (db.inTransaction)
            db.exec('ROLLBACK');
        throw e;
    }
};
