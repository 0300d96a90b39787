import * as E from 'fp-ts/lib/Either.js';
import { evolve, initialState } from "../../domain/key/index.js";
import { decodeRecorded } from "../../projections/projected-event.js";
/** A key whose versions must have material now: usable, or able to become usable again without an import. */
export const needsMaterial = (s) => s.created && s.kind !== 'external' && (s.status === 'Enabled' || s.status === 'Disabled' || s.status === 'PendingDeletion') &&
    (s.origin !== 'EXTERNAL' || s.material.imported);
/** Folds every `key-` stream and looks each live version up in the vault's rows (still wrapped: no root key). */
export const checkMaterial = async (store, vault, inVault) => {
    const states = new Map();
    for (const r of await store.readAll({ streamPrefixes: ['key-'] })) {
        const d = decodeRecorded(r);
        if (E.isLeft(d))
            return E.left(`event ${d.left.streamId}@${d.left.revision} does not decode: ${d.left.reason}`);
        if (d.right.kind !== 'key')
            continue;
        states.set(r.streamId, evolve(states.get(r.streamId) ?? initialState, d.right.event));
    }
    const held = new Set(await vault.keyIds());
    const missing = [];
    let versions = 0;
    for (const s of states.values()) {
        if (!needsMaterial(s) || !inVault(s))
            continue;
        const rows = held.has(s.keyId) ? await vault.wrappedRows(s.keyId) : [];
        const have = new Set(rows.flatMap((r) => (r.type === 'material' ? [r.versionId] : [])));
        for (const v of s.versions) {
            versions++;
            if (!have.has(v.versionId))
                missing.push({ keyId: s.keyId, versionId: v.versionId });
        }
    }
    return E.right({ keys: states.size, versions, missing });
};
