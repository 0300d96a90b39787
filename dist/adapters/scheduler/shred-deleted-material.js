import * as E from 'fp-ts/lib/Either.js';
import { failedWith, runOverDueKeys } from "./job.js";
/** Keys whose destruction is due (not yet recorded), and deleted keys an executor still holds material for. */
export const dueForShredding = (keys, held) => [...keys].filter((k) => k.materialDestruction === 'due' || (k.status === 'Deleted' && held.has(k.keyId)));
/**
 * Crypto-shredding reconciliation (docs/architecture.md §5). Material is destroyed after KeyDeleted / KeyMaterialDeleted is
 * stored (crypto/router.ts afterAppend); a crash or a failed destroy there would leave it forever, since a second
 * DeleteKey is a no-op. This job finds every key whose destruction is due or whose deleted material an executor
 * still holds, destroys it (idempotent), and records `KeyMaterialDestroyed` once per deletion, so auditors see it.
 * Runs on its schedule and once when the server starts.
 *
 * Known limit: for KeyMaterialDeleted, a re-import racing this job (material stored, KeyMaterialImported not
 * yet) can lose its material; the key then answers that the version has no material and takes the same import again.
 */
export const shredDeletedMaterial = async (deps) => {
    const shredder = deps.shredder;
    const held = shredder ? await shredder.heldKeyIds() : E.right(new Set());
    if (E.isLeft(held))
        throw new Error(`${held.left.code}: ${held.left.message}`); // the run fails as a whole (status lastError)
    return runOverDueKeys('shredDeletedMaterial', deps, (view) => (shredder ? dueForShredding(view.keys.values(), held.right) : []), async (key, ctx) => {
        const loaded = await deps.keys.loadAny(key.keyId); // the key's own stream decides, not the view
        if (E.isLeft(loaded))
            return failedWith(loaded.left);
        const s = loaded.right;
        if (s.materialDestruction === 'none' && s.status !== 'Deleted')
            return { kind: 'unchanged' };
        const destroyed = held.right.has(s.keyId);
        if (destroyed) {
            const shredded = await shredder.shred(s);
            if (E.isLeft(shredded))
                return failedWith(shredded.left);
        }
        const versionIds = s.status === 'Deleted' ? s.versions.map((v) => v.versionId) : s.versions.slice(0, 1).map((v) => v.versionId);
        const r = await deps.keys.execute(s.keyId, { type: 'RecordKeyMaterialDestroyed', now: ctx.now.toISOString(), versionIds }, ctx);
        if (E.isLeft(r))
            return failedWith(r.left);
        const recorded = r.right.events.some((e) => e.type === 'KeyMaterialDestroyed');
        if (!destroyed && !recorded)
            return { kind: 'unchanged' };
        return { kind: 'done', what: [destroyed ? 'leftover material destroyed' : 'material already gone', recorded ? 'KeyMaterialDestroyed recorded' : 'already recorded'].join('; ') };
    });
};
