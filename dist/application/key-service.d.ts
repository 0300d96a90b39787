import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../domain/errors.ts';
import { aliasDecider, type AliasCommand, type AliasEvent, type AliasState } from '../domain/alias/alias.ts';
import { keyDecider, type CreateKey, type KeyCommand, type KeyEvent, type KeyState } from '../domain/key/index.ts';
import type { EventStore } from '../domain/ports/event-store.ts';
import type { KeyMaterialLifecycle } from '../domain/ports/key-material.ts';
export type { KeyMaterialLifecycle } from '../domain/ports/key-material.ts';
import type { IdGenerator } from '../domain/ports/ids.ts';
import type { CommandContext } from '../domain/kernel/context.ts';
import { type Handled } from './command-handler.ts';
import type { Decider } from '../domain/kernel/decider.ts';
export { aliasDecider, keyDecider };
export type KeyResult = Handled<KeyState, KeyEvent>;
/** The key lifecycle over the store: every command is load → decide → append, retried on conflict. */
export declare class KeyService {
    private readonly store;
    private readonly ids;
    private readonly material?;
    /**
     * The key's rules; the domain's own by default. The scheduler's test/demo rotation unit passes a wrapper that
     * sees rotation intervals scaled (adapters/scheduler/rotation-unit.ts), so the rules themselves never change.
     */
    private readonly keyRules;
    private readonly handler;
    constructor(store: EventStore, ids: IdGenerator, material?: KeyMaterialLifecycle | undefined, 
    /**
     * The key's rules; the domain's own by default. The scheduler's test/demo rotation unit passes a wrapper that
     * sees rotation intervals scaled (adapters/scheduler/rotation-unit.ts), so the rules themselves never change.
     */
    keyRules?: Decider<KeyCommand, KeyState, KeyEvent>);
    /** The key's current state; `Forbidden.KeyNotFound` when it never existed or was deleted. */
    load(keyId: string): Promise<E.Either<KmsError, KeyState>>;
    /** Like `load`, but a deleted key is returned too (audit, material destruction). */
    loadAny(keyId: string): Promise<E.Either<KmsError, KeyState>>;
    createKey(cmd: Omit<CreateKey, 'type' | 'keyId' | 'versionId' | 'now'> & {
        keyId?: string;
    }, ctx: CommandContext): Promise<E.Either<KmsError, KeyResult>>;
    /**
     * S-1.2 through the `defaultkey-<account>.<region>` slot. The slot is reserved before the key is created, so a
     * failure in between (material, store, crash) leaves a slot naming a key that never existed: the next
     * CreateKey finishes that reservation by creating the key under the reserved id (the key stream's "no stream"
     * append lets exactly one creation win). A deleted default key frees the slot (docs: README "default key").
     */
    private createDefaultKey;
    execute(keyId: string, command: KeyCommand, ctx: CommandContext): Promise<E.Either<KmsError, KeyResult>>;
    /**
     * One command on several keys (S-3.6 batch tagging): every key is checked first, so a refusal on one key
     * changes none; then each key's events are appended (each append is atomic per key).
     */
    executeMany(keyIds: readonly string[], command: KeyCommand, ctx: CommandContext): Promise<E.Either<KmsError, KeyResult[]>>;
    /** Resolves an alias to its key id within an account and region. */
    resolveAlias(accountId: string, region: string, alias: string): Promise<E.Either<KmsError, string>>;
    /** CreateAlias and UpdateAlias need the target key in a state the table allows (API reference §5.2). */
    alias(command: AliasCommand, ctx: CommandContext): Promise<E.Either<KmsError, Handled<AliasState, AliasEvent>>>;
    get eventStore(): EventStore;
}
