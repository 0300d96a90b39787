import * as E from 'fp-ts/lib/Either.js';
import { deny, notAuthorized, permissionOf } from "../../domain/policy/index.js";
// One request's authorization (docs/architecture.md §7). The dispatcher `admit`s the request after authentication: an
// account-level action is decided there; a key action is decided when its key is resolved (key-ref.ts calls
// `checkKey`; the crypto actions hand `keyAuthorizer()` to the CryptoService, which asks it as it resolves each
// key), because only then is the key known (an alias, an ARN, or, for Decrypt, the ciphertext names it).
// The dispatcher then asks `settled()`: a key action that succeeded without any key check is a wiring bug.
/**
 * Actions with no single permission that authorize themselves on each key they touch (ReEncrypt:
 * `kms:ReEncryptFrom`/`kms:ReEncryptTo` through `checkKey(key, action)`). Any other action missing from
 * domain/policy's table is refused: a new action is closed until someone names its permission.
 */
const SELF_AUTHORIZING = new Set(['ReEncrypt']);
export class RequestAccess {
    control;
    usage;
    apiAction;
    caller;
    command;
    scope;
    action;
    keyChecks = 0;
    /** Why the last refusal happened, for the operator's log line (never for the caller). */
    denialReason;
    constructor(control, usage, apiAction, caller, command) {
        this.control = control;
        this.usage = usage;
        this.apiAction = apiAction;
        this.caller = caller;
        this.command = command;
        const p = permissionOf(apiAction);
        this.scope = p?.scope;
        this.action = p?.action;
    }
    /** Before the handler runs. */
    admit() {
        if (this.scope === undefined) {
            if (SELF_AUTHORIZING.has(this.apiAction))
                return E.right(undefined);
            return this.refuse(deny(`kms:${this.apiAction}`, `${this.apiAction} has no permission in domain/policy/actions.ts`));
        }
        if (this.scope === 'key')
            return E.right(undefined);
        return this.settle(this.control.decideAccount(this.caller.principal, this.action, this.caller.accountId));
    }
    /** The key action on an existing key: allowed, or 403 and an ActionInvoked `denied` on the key's usage stream. */
    async checkKey(key, action = this.action) {
        if (action === undefined)
            throw new Error(`${this.apiAction}: checkKey needs the permission to check`);
        const decided = this.decideKey(key, action);
        if (E.isRight(decided))
            return E.right(key);
        // Awaited, and a failure propagates (the request fails with 500): a refusal auditors cannot see must not pass.
        const recorded = await this.usage.record(this.command, {
            keyId: key.keyId, versionId: null, action, outcome: 'denied', errorCode: decided.left.code,
            callerService: null, callerResource: null, requestId: this.command.requestId, at: this.command.now.toISOString(),
        });
        if (E.isLeft(recorded))
            throw new Error(`recording a refusal on key ${key.keyId} failed: ${recorded.left.message}`);
        return decided;
    }
    /**
     * The hook the CryptoService asks for each key it resolves (application/crypto/key-authorizer.ts). The service
     * records a refusal in the call's own audit trail (with the caller's labels), so nothing is recorded here: the
     * usage recorder must not be asked twice for the same refusal.
     */
    keyAuthorizer() {
        return {
            checkKey: (key, action) => this.decideKey(key, action),
            unseen: (named, action, notFound) => named === undefined ? this.unseenCiphertextKey(action) : this.unseen(named.accountId, named.keyArn, notFound, action),
        };
    }
    /** The decision alone: counts as the request's key check when allowed, keeps the reason when not. */
    decideKey(key, action) {
        const decision = this.control.decideKey(this.caller.principal, action, key);
        if (!decision.allowed)
            return this.refuse(decision);
        this.keyChecks++;
        return E.right(undefined);
    }
    /**
     * A key the caller named that does not exist (or is not where the name says). Another account's caller gets
     * the same 403 as for a key it may not use, so it cannot learn which key ids exist. Nothing is recorded: there
     * is no key to record it on. In its own account, a RAM identity its account does not grant the action gets 403
     * too; otherwise `notFound` (the key is simply not there).
     */
    unseen(accountId, keyArn, notFound, action = this.action ?? `kms:${this.apiAction}`) {
        if (accountId !== this.caller.accountId) {
            this.denialReason = `${this.caller.principal} named ${keyArn} of another account, which it cannot see`;
            return notAuthorized(action);
        }
        const d = this.control.decideUnseenOwnKey(this.caller.principal, action, accountId, keyArn);
        if (d.allowed)
            return notFound;
        this.denialReason = d.reason;
        return d.error;
    }
    /**
     * A ciphertext names its key by id alone, with no account: had the key existed it could be any account's, and
     * another account's key the caller may not use is a 403. So a missing one is a 403 for everyone, or a crafted
     * blob would tell which key ids exist. (A deleted key still exists as a stream: its policy decides, then its
     * state answers KeyNotFound.)
     */
    unseenCiphertextKey(action) {
        this.denialReason = `${this.caller.principal} presented a ciphertext whose key does not exist`;
        return notAuthorized(action);
    }
    /**
     * An action on a key of the caller's own account that no longer exists (DeleteAlias of an alias whose key was
     * deleted): only the caller's own grants can decide, and they count as the request's key check.
     */
    checkGoneOwnKey(keyArn) {
        const action = this.action ?? `kms:${this.apiAction}`;
        const d = this.control.decideUnseenOwnKey(this.caller.principal, action, this.caller.accountId, keyArn);
        if (!d.allowed)
            return this.refuse(d);
        this.keyChecks++;
        return E.right(undefined);
    }
    /** Whether the handler, having succeeded, was authorized: account actions at admission, key actions per key. */
    settled() {
        return this.scope === 'account' || this.keyChecks > 0;
    }
    settle(d) {
        return d.allowed ? E.right(undefined) : this.refuse(d);
    }
    refuse(d) {
        if (d.allowed)
            throw new Error('refuse() needs a denial');
        this.denialReason = d.reason;
        return E.left(d.error);
    }
}
/**
 * Runs one request's use case under its authorization (docs/architecture.md §7): an account-level action is
 * decided before it runs; a key action is decided by the key-access step as each key is resolved; a key action
 * that succeeded without any key check is a wiring bug and throws, never answers. The wire layer only calls this.
 */
export const authorizedRequest = async (control, action, caller, command, run) => {
    const access = control.forRequest(action, caller, command);
    const denial = () => (access.denialReason ? { denial: access.denialReason } : {});
    const admitted = access.admit();
    if (E.isLeft(admitted))
        return { result: admitted, ...denial() };
    const result = await run(access);
    if (E.isLeft(result))
        return { result, ...denial() };
    if (!access.settled())
        throw new Error(`${action} succeeded without an authorization check on its key`);
    return { result };
};
