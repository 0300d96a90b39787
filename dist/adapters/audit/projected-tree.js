import Database from 'better-sqlite3';
import { sealedEntryOf } from "../../domain/audit/leaf.js";
import { ensurePrivateDatabaseFile } from "../private-file.js";
import { SqliteMerkleTree } from "./sqlite-tree.js";
const PAGE = 5_000;
/**
 * The audit tree beside a store that cannot hold it in the append's transaction (EventStoreDB, where several
 * nodes append to one log; the memory store): a catch-up projection of the global log, in the store's order,
 * into `<dataDir>/audit-tree.sqlite` (docs/verifiable-log.md "EventStoreDB"). An answer still means its event is
 * durable (the store acknowledged it); the leaf follows at the next catch-up, which every checkpoint and proof
 * runs first. Several processes may catch up at once: each page is added under the file's write lock, after
 * re-reading where the tree ends.
 */
export class ProjectedAuditTree {
    store;
    db;
    tree;
    constructor(store, db, tree) {
        this.store = store;
        this.db = db;
        this.tree = tree;
    }
    static open(store, path) {
        if (path !== ':memory:')
            ensurePrivateDatabaseFile(path);
        const db = new Database(path);
        try {
            db.pragma('busy_timeout = 5000');
            if (path !== ':memory:')
                db.pragma('journal_mode = WAL');
            SqliteMerkleTree.ensureTables(db);
            return new ProjectedAuditTree(store, db, new SqliteMerkleTree(db));
        }
        catch (e) {
            db.close();
            throw e;
        }
    }
    async catchUp() {
        for (;;) {
            const page = await this.store.readAll({ after: this.tree.lastPosition(), limit: PAGE });
            if (page.length === 0)
                return;
            this.db.transaction(() => {
                const last = this.tree.lastPosition(); // another process may have added some meanwhile
                this.tree.append(page.filter((e) => e.position > last).map(sealedEntryOf));
            }).immediate();
            if (page.length < PAGE)
                return;
        }
    }
    size() {
        return this.tree.size();
    }
    range = (lo, hi) => this.tree.range(lo, hi);
    leafIndexOf(position) {
        return this.tree.leafIndexOf(position);
    }
    leafPosition(index) {
        return this.tree.leafPosition(index);
    }
    leafHashes(from, to) {
        return this.tree.leafHashes(from, to);
    }
    close() {
        this.db.close();
    }
}
