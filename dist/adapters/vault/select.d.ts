import type { WrappedVault } from './wrapped-rows.ts';
/** A vault location this build cannot open: the message lists what it can. */
export declare class UnsupportedVaultUrl extends Error {
    readonly url: string;
    constructor(url: string, reason: string);
}
/**
 * Opens a vault without the root key, for `vault copy`: a path or `sqlite:` URL names a vault file (as the store
 * URLs do, adapters/store/select.ts), `esdb://…` the `vault-` streams of that EventStoreDB. `mustExist` (a copy's
 * source) refuses a missing file rather than making an empty vault there.
 */
export declare const openWrappedVaultByUrl: (url: string, options?: {
    mustExist?: boolean;
}) => WrappedVault;
