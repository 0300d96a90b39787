import * as E from 'fp-ts/lib/Either.js';
import { deletedKeysHoldingAliases, dueForDeletion } from "../../projections/due-keys.js";
import { failedWith, runOverDueKeys } from "./job.js";
import { readAliasBindings, releaseAliases } from "./release-aliases.js";
/**
 * Deletion at the end of the pending window (S-8.1, API reference §5.3), then release of the key's aliases. The
 * release is its own step after KeyDeleted: a run that stopped between the two finds the deleted key still
 * holding aliases in the view and finishes the release. `decide` refuses DeleteKey before `deleteDate` and
 * answers a second DeleteKey on a deleted key with no event, which makes two schedulers safe.
 */
export const deleteExpiredPendingKeys = (deps) => {
    let bindings; // read once per run, and only when needed
    return runOverDueKeys('deleteExpiredPendingKeys', deps, (view, now) => {
        const due = dueForDeletion(view, now);
        const ids = new Set(due.map((k) => k.keyId));
        return [...due, ...deletedKeysHoldingAliases(view).filter((k) => !ids.has(k.keyId))];
    }, async (key, ctx) => {
        let deleted = false;
        if (key.status === 'PendingDeletion') {
            const r = await deps.keys.execute(key.keyId, { type: 'DeleteKey', now: ctx.now.toISOString() }, ctx);
            if (E.isLeft(r))
                return failedWith(r.left);
            deleted = r.right.events.some((e) => e.type === 'KeyDeleted');
        }
        bindings ??= readAliasBindings(deps.keys.eventStore);
        const released = await releaseAliases(deps.keys, await bindings, key.keyId, ctx);
        if (E.isLeft(released))
            return failedWith(released.left);
        const aliases = released.right.length ? `aliases released: ${released.right.join(', ')}` : '';
        if (deleted)
            return { kind: 'done', what: ['deleted', aliases].filter(Boolean).join('; ') };
        return aliases ? { kind: 'done', what: aliases } : { kind: 'unchanged' };
    });
};
