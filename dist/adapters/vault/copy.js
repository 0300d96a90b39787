import * as E from 'fp-ts/lib/Either.js';
import { KeyService } from "../../application/key-service.js";
import { randomIds } from "../ids.js";
import { missingRows, rowSlot, VaultRowConflict } from "./wrapped-rows.js";
// `keyledger vault copy` (docs/esdb.md, "Moving from SQLite"): every key's wrapped rows from one vault to another
// (the SQLite file ⇄ EventStoreDB's vault- streams), byte for byte. The AAD binds key id, version id and kind, not
// the place (wrap.ts), so the rows open in the target under the same root key; the tool never holds that key and
// never unwraps anything. Import tokens are not copied: they expire within 24 h and a caller asks for new ones.
/** The copy would overwrite, or bring back, something it must not: nothing was written. */
export class VaultCopyRefused extends Error {
    constructor(message) {
        super(message);
        this.name = 'VaultCopyRefused';
    }
}
/** After the copy a source row is not in the target as it is. */
export class VaultCopyMismatch extends Error {
    constructor(message) {
        super(message);
        this.name = 'VaultCopyMismatch';
    }
}
const sameWrapped = (a, b) => a.iv.equals(b.iv) && a.tag.equals(b.tag) && a.ciphertext.equals(b.ciphertext);
const MAX_LISTED = 10;
const listed = (ids) => ids.length <= MAX_LISTED ? ids.join(', ') : `${ids.slice(0, MAX_LISTED).join(', ')} and ${ids.length - MAX_LISTED} more`;
/**
 * Copies every key's wrapped rows (material, generated and imported, and the import fingerprint) from `source`
 * to `target`, then checks that every source row is in the target as it is.
 * - Plan first: every key is compared with the target before anything is written. A row present and identical
 *   counts as done (an earlier run); a different row in the same slot, or a root key check of the target that
 *   differs from the source's, refuses the whole copy (`VaultCopyRefused`) with nothing written.
 * - With `events`, keys Deleted there are skipped, as are keys destroyed in the target: shredded material never
 *   comes back. A key stream that does not decode refuses the copy (it cannot tell).
 * - Each key's rows go in at once (a transaction in SQLite; one append per stream, at the exact revision read, in
 *   EventStoreDB): a concurrent writer stops the copy instead of being overwritten.
 */
export const copyVault = async (source, target, options = {}) => {
    const progress = (phase, done, total) => options.onProgress?.({ phase, done, total });
    const keys = options.events ? new KeyService(options.events, randomIds) : undefined;
    // 1. Plan.
    const keyIds = await source.keyIds();
    const planned = [];
    const deletedInEvents = [];
    const destroyedInTarget = [];
    const unknownToEvents = [];
    const conflicts = [];
    progress('plan', 0, keyIds.length);
    for (const [i, keyId] of keyIds.entries()) {
        options.signal?.throwIfAborted();
        let unknown = false;
        if (keys) {
            const state = await keys.loadAny(keyId);
            if (E.isLeft(state))
                throw new VaultCopyRefused(`cannot tell whether key ${keyId} was deleted: its key stream does not load (${state.left.code}: ${state.left.message}); nothing was written`);
            if (state.right.created && state.right.status === 'Deleted') {
                deletedInEvents.push(keyId);
                continue;
            }
            unknown = !state.right.created;
        }
        if (await target.destroyed(keyId)) {
            destroyedInTarget.push(keyId);
            continue;
        }
        if (unknown)
            unknownToEvents.push(keyId);
        const rows = await source.wrappedRows(keyId);
        try {
            planned.push({ keyId, rows, missing: missingRows(keyId, rows, await target.wrappedRows(keyId), target.location).length });
        }
        catch (e) {
            if (!(e instanceof VaultRowConflict))
                throw e;
            conflicts.push(`${keyId} (${e.slot})`);
        }
        progress('plan', i + 1, keyIds.length);
    }
    if (conflicts.length > 0)
        throw new VaultCopyRefused(`${target.location} already holds different rows for ${conflicts.length} key(s): ${listed(conflicts)}. Nothing was written: the two vaults disagree, find out which is right before copying`);
    const sourceCheck = await source.rootCheck();
    const targetCheck = await target.rootCheck();
    if (sourceCheck && targetCheck && !sameWrapped(sourceCheck, targetCheck))
        throw new VaultCopyRefused(`${target.location} already has a root key check of its own (a node was started on it, or another vault was copied there). ` +
            'This tool never holds the root key, so it cannot tell whether both vaults use the same one; nothing was written. Copy into an empty vault, before starting any node on it');
    // 2. Copy: the root key check first, so that a node started on the target with another root key is refused.
    const total = planned.reduce((n, k) => n + k.rows.length, 0);
    const rootCheck = !sourceCheck ? 'none in the source' : targetCheck ? 'already present' : 'copied';
    if (sourceCheck && !targetCheck)
        await target.putRootCheck(sourceCheck);
    let written = 0;
    let done = 0;
    progress('copy', 0, total);
    for (const k of planned) {
        options.signal?.throwIfAborted();
        if (k.missing > 0)
            written += await target.addRows(k.keyId, k.rows);
        done += k.rows.length;
        progress('copy', done, total);
    }
    // 3. Check: every source row of every copied key is in the target, byte for byte.
    let verified = 0;
    progress('verify', 0, total);
    for (const k of planned) {
        const there = await target.wrappedRows(k.keyId);
        let missing;
        try {
            missing = missingRows(k.keyId, k.rows, there, target.location);
        }
        catch (e) {
            throw new VaultCopyMismatch(`after the copy, ${e instanceof Error ? e.message : String(e)}`);
        }
        if (missing.length > 0)
            throw new VaultCopyMismatch(`after the copy, ${target.location} lacks ${missing.map(rowSlot).join(', ')} of key ${k.keyId}`);
        verified += k.rows.length;
        progress('verify', verified, total);
    }
    const finalCheck = await target.rootCheck();
    if (sourceCheck && (!finalCheck || !sameWrapped(sourceCheck, finalCheck)))
        throw new VaultCopyMismatch(`after the copy, the root key check of ${target.location} is not the source's`);
    return {
        keys: keyIds.length, rows: total, written, alreadyPresent: total - written,
        deletedInEvents, destroyedInTarget, unknownToEvents, eventsChecked: keys !== undefined, rootCheck, verified,
    };
};
