import { existsSync } from 'node:fs';
import { parseStoreUrl, UnsupportedStoreUrl } from "../store/select.js";
import { EsdbWrappedVault } from "./esdb-wrapped-rows.js";
import { SqliteWrappedVault } from "./sqlite-wrapped-rows.js";
/** A vault location this build cannot open: the message lists what it can. */
export class UnsupportedVaultUrl extends Error {
    url;
    constructor(url, reason) {
        super(`${url}: ${reason} (use a vault file such as ./data/vault.sqlite or sqlite:/path/to/vault.sqlite, or esdb://host:2113?tls=false / esdb+discover://…)`);
        this.url = url;
        this.name = 'UnsupportedVaultUrl';
    }
}
/**
 * Opens a vault without the root key, for `vault copy`: a path or `sqlite:` URL names a vault file (as the store
 * URLs do, adapters/store/select.ts), `esdb://…` the `vault-` streams of that EventStoreDB. `mustExist` (a copy's
 * source) refuses a missing file rather than making an empty vault there.
 */
export const openWrappedVaultByUrl = (url, options = {}) => {
    let location;
    try {
        location = parseStoreUrl(url);
    }
    catch (e) {
        if (e instanceof UnsupportedStoreUrl)
            throw new UnsupportedVaultUrl(url, e.message.slice(url.length + 2).replace(/ \(use .*\)$/, ''));
        throw e;
    }
    if (location.kind === 'esdb')
        return EsdbWrappedVault.open(location.connectionString);
    if (options.mustExist && !existsSync(location.path))
        throw new UnsupportedVaultUrl(url, `no SQLite vault at ${location.path}`);
    return SqliteWrappedVault.open(location.path, options);
};
