import { decodeDueKeysEvent, DUE_KEYS_STREAM_PREFIXES, evolveAliasBinding, evolveDueKey, } from "../../projections/due-keys.js";
const PAGE = 500;
/**
 * The due-keys view held in memory, fed by `store.subscribeAll` (live) and by `catchUp` (before each run: a
 * subscription over a store shared by several processes only sees their commits on its next poll). Both paths
 * apply the row folds of `projections/due-keys.ts` in place, in position order, each event once.
 * Until the projection runner and read store take it over, every server start refolds from position 0.
 */
export class DueKeysFeed {
    store;
    rotationUnit;
    log;
    keys = new Map();
    aliases = new Map();
    position = 0;
    undecodable = 0;
    subscription;
    constructor(store, rotationUnit, log) {
        this.store = store;
        this.rotationUnit = rotationUnit;
        this.log = log;
    }
    static start(store, options = {}) {
        const feed = new DueKeysFeed(store, options.rotationUnit ?? 'day', options.log);
        feed.subscription = store.subscribeAll({ streamPrefixes: DUE_KEYS_STREAM_PREFIXES }, (e) => feed.apply(e));
        return feed;
    }
    view() {
        return { position: this.position, rotationUnit: this.rotationUnit, keys: this.keys, aliases: this.aliases, undecodable: this.undecodable };
    }
    async catchUp() {
        for (;;) {
            const page = await this.store.readAll({ after: this.position, limit: PAGE, streamPrefixes: DUE_KEYS_STREAM_PREFIXES });
            for (const e of page)
                this.apply(e);
            if (page.length < PAGE)
                return;
        }
    }
    async stop() {
        await this.subscription?.stop();
        this.subscription = undefined;
    }
    apply(e) {
        if (e.position <= this.position)
            return; // already folded through the other path
        const change = decodeDueKeysEvent(e);
        if (change.kind === 'key') {
            const row = evolveDueKey(this.keys.get(change.keyId), change.event);
            if (row)
                this.keys.set(change.keyId, row);
        }
        else if (change.kind === 'alias') {
            this.aliases.set(change.streamId, evolveAliasBinding(this.aliases.get(change.streamId), change.event));
        }
        else if (change.kind === 'undecodable') {
            this.undecodable++;
            this.log?.warn({ streamId: e.streamId, revision: e.revision, type: e.type }, 'due-keys view: event does not decode; skipped (audit the store)');
        }
        this.position = e.position;
    }
}
