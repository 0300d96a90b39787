import { dueForRotation } from "../../projections/due-keys.js";
import { fromEither, runOverDueKeys } from "./job.js";
/**
 * Automatic rotation (API reference §5.4): every Enabled key whose NextRotationDate has come gets a new primary
 * version. `decide` re-checks that the key is due on its own stream, so a second scheduler, or a view that lags,
 * ends in a no-op instead of a second version.
 */
export const rotateDueKeys = (deps) => runOverDueKeys('rotateDueKeys', deps, dueForRotation, async (key, ctx) => {
    const versionId = deps.ids.versionId();
    const r = await deps.keys.execute(key.keyId, { type: 'RotateKey', now: ctx.now.toISOString(), versionId, reason: 'automatic' }, ctx);
    return fromEither(r, (h) => h.events.some((e) => e.type === 'VersionRotated') ? { kind: 'done', what: `rotated to version ${versionId}` } : { kind: 'unchanged' });
});
