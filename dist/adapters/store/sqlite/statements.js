import { SqliteMerkleTree } from "../../audit/sqlite-tree.js";
export const prepareStatements = (db) => {
    const prefixQueries = new Map();
    return {
        streamHead: db.prepare(`SELECT stream_revision AS revision, position, json_extract(metadata, '$.hash') AS hash
       FROM events WHERE stream_id = ? ORDER BY stream_revision DESC LIMIT 1`),
        eventPlace: db.prepare('SELECT stream_id AS streamId, stream_revision AS revision FROM events WHERE event_id = ?'),
        placedFrom: db.prepare(`SELECT event_id AS eventId, stream_revision AS revision, position
       FROM events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision LIMIT ?`),
        insert: db.prepare('INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)'),
        readStream: db.prepare('SELECT * FROM events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision LIMIT ?'),
        head: db.prepare('SELECT coalesce(max(position), 0) AS head FROM events'),
        /** The audit tree, grown inside each append's savepoint (write-append.ts). */
        tree: new SqliteMerkleTree(db),
        // No DISTINCT: with it SQLite scans the whole (stream_id, revision) index instead of the new rows by position.
        streamsAfter: db.prepare('SELECT stream_id AS streamId FROM events WHERE position > ?'),
        begin: db.prepare('BEGIN IMMEDIATE'),
        commit: db.prepare('COMMIT'),
        savepoint: db.prepare('SAVEPOINT append'),
        release: db.prepare('RELEASE append'),
        rollbackTo: db.prepare('ROLLBACK TO append'),
        rollback() {
            if (db.inTransaction)
                db.exec('ROLLBACK');
        },
        /** readAll: one statement per number of prefixes; `limit -1` is SQLite's "no limit". */
        readAll(after, limit, prefixes) {
            let stmt = prefixQueries.get(prefixes.length);
            if (!stmt) {
                // substr counts characters, so the length parameter is the prefix's code point count, not UTF-16 units
                const filter = prefixes.map(() => 'substr(stream_id, 1, ?) = ?').join(' OR ');
                stmt = db.prepare(`SELECT * FROM events WHERE position > ? ${filter ? `AND (${filter})` : ''} ORDER BY position LIMIT ?`);
                prefixQueries.set(prefixes.length, stmt);
            }
            // eslint-disable-next-line @typescript-eslint/no-misused-spread -- counts code points on purpose, as SQLite length() does
            return stmt.all(after, ...prefixes.flatMap((p) => [[...p].length, p]), limit);
        },
    };
};
