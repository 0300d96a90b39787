import { materialExpired } from "../../projections/due-keys.js";
import { fromEither, runOverDueKeys } from "./job.js";
/**
 * Imported (BYOK) material past its KeyMaterialExpireUnix is deleted and the key returns to PendingImport
 * (API reference §5.2, §5.11). `decide` ignores an expiry that has not come (or was replaced by a new import).
 */
export const expireImportedMaterial = async (deps) => {
    // Expired import tokens (their wrapped RSA private keys) go too, whether or not a key imports again. A failure
    // here fails the run (status lastError) before any key is touched; the next run tries again.
    await deps.importTokens?.deleteExpiredImportTokens(deps.clock.now());
    return runOverDueKeys('expireImportedMaterial', deps, materialExpired, async (key, ctx) => {
        const r = await deps.keys.execute(key.keyId, { type: 'DeleteKeyMaterial', now: ctx.now.toISOString(), reason: 'expired' }, ctx);
        return fromEither(r, (h) => h.events.some((e) => e.type === 'KeyMaterialDeleted') ? { kind: 'done', what: `material expired; key is ${h.state.status}` } : { kind: 'unchanged' });
    });
};
