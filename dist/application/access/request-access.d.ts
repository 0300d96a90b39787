import * as E from 'fp-ts/lib/Either.js';
import type { KmsError } from '../../domain/errors.ts';
import type { KeyState } from '../../domain/key/index.ts';
import { type ActionScope, type KmsAction } from '../../domain/policy/index.ts';
import type { CommandContext } from '../../domain/kernel/context.ts';
import type { UsageRecorder } from '../../domain/ports/usage-recorder.ts';
import type { AccessControl } from './access-control.ts';
/**
 * How the crypto service asks whether this call's caller may use a key (docs/architecture.md §7). The caller of the service
 * (the HTTP layer: application/access) supplies it per call as function values over domain/policy's decision;
 * the service stays pure and only decides *when* to ask: after the key is resolved, before any material is
 * touched, once per key and permission (ReEncrypt: `kms:ReEncryptFrom` on the source, `kms:ReEncryptTo` on the
 * destination).
 *
 * A refusal is recorded by the service itself, on the key's usage stream (`ActionInvoked`, outcome `denied`), as
 * part of the call's audit trail: the authorizer must not record it as well, or the refusal would appear twice.
 */
export interface KeyAuthorizer {
    /** Right when the caller may perform `action` on the key; else the refusal (403) to answer. Records nothing. */
    readonly checkKey: (key: KeyState, action: KmsAction) => E.Either<KmsError, void>;
    /**
     * A name that resolves to no key: `named` is the account the name points into and the ARN it named, or
     * undefined when nothing says which account (the key id inside a ciphertext). Returns what the caller is told:
     * `notFound` only where that reveals nothing (the caller's own account, its own grants), else the same 403 as a
     * refusal, so that which keys exist cannot be probed.
     */
    readonly unseen: (named: {
        readonly accountId: string;
        readonly keyArn: string;
    } | undefined, action: KmsAction, notFound: KmsError) => KmsError;
}
export interface Caller {
    readonly principal: string;
    readonly accountId: string;
}
export declare class RequestAccess {
    private readonly control;
    private readonly usage;
    private readonly apiAction;
    readonly caller: Caller;
    private readonly command;
    readonly scope: ActionScope | undefined;
    readonly action: KmsAction | undefined;
    private keyChecks;
    /** Why the last refusal happened, for the operator's log line (never for the caller). */
    denialReason: string | undefined;
    constructor(control: AccessControl, usage: UsageRecorder, apiAction: string, caller: Caller, command: CommandContext);
    /** Before the handler runs. */
    admit(): E.Either<KmsError, void>;
    /** The key action on an existing key: allowed, or 403 and an ActionInvoked `denied` on the key's usage stream. */
    checkKey(key: KeyState, action?: KmsAction | undefined): Promise<E.Either<KmsError, KeyState>>;
    /**
     * The hook the CryptoService asks for each key it resolves (application/crypto/key-authorizer.ts). The service
     * records a refusal in the call's own audit trail (with the caller's labels), so nothing is recorded here: the
     * usage recorder must not be asked twice for the same refusal.
     */
    keyAuthorizer(): KeyAuthorizer;
    /** The decision alone: counts as the request's key check when allowed, keeps the reason when not. */
    private decideKey;
    /**
     * A key the caller named that does not exist (or is not where the name says). Another account's caller gets
     * the same 403 as for a key it may not use, so it cannot learn which key ids exist. Nothing is recorded: there
     * is no key to record it on. In its own account, a RAM identity its account does not grant the action gets 403
     * too; otherwise `notFound` (the key is simply not there).
     */
    unseen(accountId: string, keyArn: string, notFound: KmsError, action?: KmsAction): KmsError;
    /**
     * A ciphertext names its key by id alone, with no account: had the key existed it could be any account's, and
     * another account's key the caller may not use is a 403. So a missing one is a 403 for everyone, or a crafted
     * blob would tell which key ids exist. (A deleted key still exists as a stream: its policy decides, then its
     * state answers KeyNotFound.)
     */
    private unseenCiphertextKey;
    /**
     * An action on a key of the caller's own account that no longer exists (DeleteAlias of an alias whose key was
     * deleted): only the caller's own grants can decide, and they count as the request's key check.
     */
    checkGoneOwnKey(keyArn: string): E.Either<KmsError, void>;
    /** Whether the handler, having succeeded, was authorized: account actions at admission, key actions per key. */
    settled(): boolean;
    private settle;
    private refuse;
}
/** What a request's authorization ended in: the use case's answer, and why it was refused (for the operator's log). */
export interface Authorized<A> {
    readonly result: E.Either<KmsError, A>;
    /** Why authorization refused (statements, principals): logged for operators, never sent to the caller. */
    readonly denial?: string;
}
/**
 * Runs one request's use case under its authorization (docs/architecture.md §7): an account-level action is
 * decided before it runs; a key action is decided by the key-access step as each key is resolved; a key action
 * that succeeded without any key check is a wiring bug and throws, never answers. The wire layer only calls this.
 */
export declare const authorizedRequest: <A>(control: AccessControl, action: string, caller: Caller, command: CommandContext, run: (access: RequestAccess) => Promise<E.Either<KmsError, A>>) => Promise<Authorized<A>>;
