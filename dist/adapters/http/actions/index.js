import * as E from 'fp-ts/lib/Either.js';
import { missingParameter } from "../../../domain/errors.js";
import { API_OPERATIONS, wireParameters } from "../../../domain/operations/catalogue.js";
import { aliasActions } from "./aliases.js";
import { cryptoActions } from "./crypto.js";
import { ledgerActions } from "./ledger.js";
import { auditLogActions } from "./audit-log.js";
import { keyActions } from "./keys.js";
import { policyActions } from "./policy.js";
import { serviceActions } from "./service.js";
import { tagActions } from "./tags.js";
import { versionActions } from "./versions.js";
export * from "./action.js";
/**
 * Every management action this server answers. Crypto actions come from their own table; the composition root
 * merges tables (`{ ...lifecycleActions, ...cryptoActions }`), and an action missing from the merged table is
 * answered `InvalidAction.NotFound`.
 */
export const lifecycleActions = {
    ...keyActions,
    ...versionActions,
    ...aliasActions,
    ...tagActions,
    ...policyActions,
    ...serviceActions,
};
/** An operation's handler behind the decoder made from its declared wire schema (wire/operation-params.ts). */
const declared = (op, handler) => async (ctx, s) => {
    const wire = decodeOperationParams(op, ctx.params);
    return E.isLeft(wire) ? wire : handler(ctx, s);
};
/**
 * What the server answers: one entry per operation of the catalogue (domain/operations/catalogue.ts), each behind
 * its wire schema. An operation without a handler is a start-up error, never a silent 404.
 */
export const servedActions = () => {
    const handlers = { ...lifecycleActions, ...cryptoActions, ...ledgerActions, ...auditLogActions };
    return Object.fromEntries(API_OPERATIONS.map((op) => {
        const handler = Object.hasOwn(handlers, op.name) ? handlers[op.name] : undefined;
        if (!handler)
            throw new Error(`${op.name} is declared in the catalogue of operations but has no handler`);
        return [op.name, declared(op, handler)];
    }));
};
/**
 * The decoder made from an operation's declared wire schema (domain/operations/catalogue.ts): the declared
 * parameters are read off the request and decoded with the operation's io-ts codec; the first required one that
 * is absent (declaration order) is the API's MissingParameter. The handler then turns the values into the
 * domain's (Base64, JSON, numbers) and names any bad one.
 */
export const decodeOperationParams = (op, params) => {
    const { required, optional } = wireParameters(op);
    const declared = [...required, ...optional];
    const given = Object.fromEntries(declared.flatMap((name) => {
        const v = params.get(name);
        return v === undefined ? [] : [[name, v]];
    }));
    const decoded = op.wire.decode(given);
    if (E.isRight(decoded))
        return decoded;
    const names = decoded.left.flatMap((e) => e.context.map((c) => c.key)).filter((k) => declared.includes(k));
    return E.left(missingParameter(names[0] ?? required[0] ?? op.name));
};
