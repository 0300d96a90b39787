import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { checkMaterial } from "../adapters/data-dir/material-check.js";
/** A start refused because the data dir does not add up; `code` is stable (docs/operations.md#error-codes-at-start). */
export class StartupRefused extends Error {
    code;
    name = 'StartupRefused';
    constructor(code, message) {
        super(`${code}: ${message}`);
        this.code = code;
    }
}
/**
 * Before the server answers anything: every live key version's material is in the vault. Refuses to start
 * naming the first one missing, unless the operator said `--allow-missing-material` (then one warning, and those
 * keys answer errors until the material is back).
 */
export const checkVaultAtStart = async (store, crypto, dataDir, allowMissing, warn) => {
    const checked = await checkMaterial(store, crypto.vaultRows, crypto.inVault);
    if (E.isLeft(checked))
        throw new StartupRefused('DataDir.UnreadableEvents', `${checked.left}. Restore the event store from a backup`);
    const { missing, versions } = checked.right;
    if (missing.length === 0)
        return;
    const first = missing[0];
    const what = `${missing.length} of ${versions} live key version(s) have no material in the vault (${join(dataDir, 'vault.sqlite')} or the vault streams); ` +
        `the first is key ${first.keyId} version ${first.versionId}`;
    if (allowMissing) {
        warn(`DataDir.MissingMaterial: ${what}. Started anyway (--allow-missing-material): those keys answer errors until their material is restored`);
        return;
    }
    throw new StartupRefused('DataDir.MissingMaterial', `${what}. Restore the vault that belongs with these events (keyledger restore), or start with --allow-missing-material if you know it is lost`);
};
