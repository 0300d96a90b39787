import * as E from 'fp-ts/lib/Either.js';
import type { KmsError } from '../../domain/errors.ts';
import type { EventStore } from '../../domain/ports/event-store.ts';
import type { CommandContext } from '../../domain/kernel/context.ts';
import type { KeyService } from '../../application/key-service.ts';
import { type AliasBinding } from '../../projections/due-keys.ts';
/** Every alias stream folded from the store itself (not from a view), so a release sees the aliases as they are. */
export declare const readAliasBindings: (store: EventStore) => Promise<Map<string, AliasBinding>>;
/**
 * Deletes every alias still pointing at a deleted key. `onlyIfKeyId` makes each deletion conditional on the
 * alias stream's current state, so two schedulers, or a user re-creating the alias meanwhile, never lose an
 * alias that belongs to another key. Returns the aliases released.
 */
export declare const releaseAliases: (keys: KeyService, bindings: ReadonlyMap<string, AliasBinding>, keyId: string, ctx: CommandContext) => Promise<E.Either<KmsError, string[]>>;
