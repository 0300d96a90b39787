import { join } from 'node:path';
import { openPrivateWalDatabase } from "../../private-file.js";
// Replay across restarts (issue 13, item 2): the nonce cache lives in memory, so a request captured before a
// restart used to be accepted again after it. The nonces of accepted requests are now also written to
// `<dataDir>/nonces.sqlite` and loaded back at start for as long as their requests stay within the timestamp
// window, so a replay is refused after a restart exactly as before it.
// Why persisted rather than "refuse everything signed before the start": the window also reaches ahead of the
// server's clock (aheadSeconds), so a request from a client whose clock runs fast, captured before a restart,
// carries a time after the restart: no timestamp rule can tell it from a fresh one; only its nonce can.
// Written before the answer, in WAL with synchronous=NORMAL: a crash of the process loses nothing (the WAL is in
// the OS's cache); a power cut may lose the last nonces, a residual risk documented in docs/http-api.md.
// Per node: on EventStoreDB, nodes do not share this file (README "Replay protection").
export const NONCE_FILE = 'nonces.sqlite';
export class SqliteNonceJournal {
    db;
    insert;
    remove;
    constructor(db) {
        this.db = db;
        db.exec(`CREATE TABLE IF NOT EXISTS nonces (
      access_key_id TEXT NOT NULL, nonce TEXT NOT NULL, at INTEGER NOT NULL,
      PRIMARY KEY (access_key_id, nonce)) STRICT, WITHOUT ROWID`);
        db.exec('CREATE INDEX IF NOT EXISTS nonces_at ON nonces (at)');
        this.insert = db.prepare('INSERT OR IGNORE INTO nonces VALUES (?, ?, ?)');
        this.remove = db.prepare('DELETE FROM nonces WHERE at < ?');
    }
    static open(dataDir) {
        return openPrivateWalDatabase(join(dataDir, NONCE_FILE), 'NORMAL', (db) => new SqliteNonceJournal(db));
    }
    live(sinceMs) {
        return this.db.prepare('SELECT access_key_id, nonce, at FROM nonces WHERE at >= ? ORDER BY at').all(sinceMs)
            .map((r) => ({ accessKeyId: r.access_key_id, nonce: r.nonce, at: r.at }));
    }
    record(n) {
        this.insert.run(n.accessKeyId, n.nonce, n.at);
    }
    prune(beforeMs) {
        this.remove.run(beforeMs);
    }
    close() {
        this.db.close();
    }
}
