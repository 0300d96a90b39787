import { existsSync } from 'node:fs';
import { openEsdbEventStore } from "./esdb/index.js";
import { SqliteEventStore } from "./sqlite/index.js";
/** An event store URL this build cannot open: the message lists what it can. */
export class UnsupportedStoreUrl extends Error {
    url;
    constructor(url, reason) {
        super(`${url}: ${reason} (use sqlite:/path/to/events.sqlite, a plain path, esdb://host:2113?tls=false or esdb+discover://…)`);
        this.url = url;
        this.name = 'UnsupportedStoreUrl';
    }
}
/**
 * `sqlite:/abs/events.sqlite`, `sqlite:relative/events.sqlite`, `sqlite:///abs/events.sqlite` or a plain path:
 * the SQLite store (serve's is `<dataDir>/events.sqlite`). `esdb://…` and `esdb+discover://…`: EventStoreDB (the connection string goes to the client as is).
 */
export const parseStoreUrl = (url) => {
    if (/^esdb(\+discover)?:\/\//i.test(url))
        return { kind: 'esdb', connectionString: url };
    if (/^sqlite:/i.test(url)) {
        const rest = url.slice('sqlite:'.length);
        const path = rest.startsWith('///') ? rest.slice(2) : rest;
        if (path === '' || (rest.startsWith('//') && !rest.startsWith('///')))
            throw new UnsupportedStoreUrl(url, 'a SQLite URL needs a file path');
        return { kind: 'sqlite', path };
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url))
        throw new UnsupportedStoreUrl(url, 'unknown scheme');
    if (url === '')
        throw new UnsupportedStoreUrl(url, 'empty');
    return { kind: 'sqlite', path: url };
};
/**
 * Opens the event store a URL names. `mustExist` (for a copy's source) refuses a SQLite path with no file rather
 * than creating an empty store there.
 */
export const openEventStoreByUrl = async (url, options = {}) => {
    const location = parseStoreUrl(url);
    if (location.kind === 'esdb')
        return openEsdbEventStore(location.connectionString);
    if (options.mustExist && !existsSync(location.path))
        throw new UnsupportedStoreUrl(url, `no SQLite file at ${location.path}`);
    return SqliteEventStore.open(location.path);
};
