import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../errors.ts';
import type { KmsAction } from './actions.ts';
/**
 * The outcome of an authorization. `reason` is for the audit trail and operators (it may name statements and
 * principals); the caller only ever sees `error`, whose message is the same for every refusal of an action so
 * that it cannot tell a missing key from a key it may not touch.
 */
export type Decision = {
    readonly allowed: true;
    readonly reason: string;
    readonly matched?: string;
} | {
    readonly allowed: false;
    readonly reason: string;
    readonly matched?: string;
    readonly error: KmsError;
};
export type Allowed = Extract<Decision, {
    allowed: true;
}>;
/** 403 Forbidden.NoPermission. The service also answers this (not KeyNotFound) when another account's caller names a key that does not exist. */
export declare const notAuthorized: (action: KmsAction) => KmsError;
export declare const allow: (reason: string, matched?: string) => Decision;
export declare const deny: (action: KmsAction, reason: string, matched?: string) => Decision;
export declare const decisionToEither: (d: Decision) => E.Either<KmsError, Allowed>;
