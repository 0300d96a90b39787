import * as E from 'fp-ts/lib/Either.js';
/** Every field decoded, or the first failure in declaration order (the wire order a caller reads in errors). */
export const fields = (r) => {
    const out = {};
    for (const [k, v] of Object.entries(r)) {
        if (E.isLeft(v))
            return v;
        out[k] = v.right;
    }
    return E.right(out);
};
export const done = E.right({});
/** The request as the application's key-access step sees it (application/access/key-access.ts). */
export const keyRequest = (ctx, s) => ({ access: ctx.access, action: ctx.action, accountId: ctx.caller.accountId, region: s.deployment.region });
