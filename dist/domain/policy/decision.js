import * as E from 'fp-ts/lib/Either.js';
import { noPermission } from "../errors.js";
/** 403 Forbidden.NoPermission. The service also answers this (not KeyNotFound) when another account's caller names a key that does not exist. */
export const notAuthorized = (action) => noPermission(`You are not authorized to perform ${action} on the specified resource.`);
export const allow = (reason, matched) => matched === undefined ? { allowed: true, reason } : { allowed: true, reason, matched };
export const deny = (action, reason, matched) => matched === undefined
    ? { allowed: false, reason, error: notAuthorized(action) }
    : { allowed: false, reason, matched, error: notAuthorized(action) };
export const decisionToEither = (d) => (d.allowed ? E.right(d) : E.left(d.error));
