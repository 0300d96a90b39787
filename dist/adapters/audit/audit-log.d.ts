import * as E from 'fp-ts/lib/Either.js';
import { type Hash } from '../../domain/audit/merkle.ts';
import type { EventStore } from '../../domain/ports/event-store.ts';
import { type MadeCheckpoint } from './checkpoints.ts';
import { type AuditSigner } from './signing-key.ts';
import type { Witness } from './witness.ts';
import type { AuditTree } from '../../domain/ports/audit-tree.ts';
export interface KeptCheckpoint {
    readonly note: string;
    readonly size: number;
    readonly root: Hash;
}
export declare class AuditLog {
    private readonly o;
    private opened;
    private signerCache;
    constructor(o: {
        store: EventStore;
        dataDir: string;
        env: NodeJS.ProcessEnv;
        witnesses?: readonly Witness[];
    });
    get tree(): AuditTree;
    signer(): AuditSigner;
    checkpointNow(now: Date): Promise<MadeCheckpoint>;
    /** The scheduler's run: a checkpoint when the log grew since the last one, else nothing. */
    scheduled(now: Date): Promise<MadeCheckpoint | 'unchanged'>;
    /** The newest checkpoint kept that covers at least `size` leaves, or a new one. */
    latest(now: Date, size?: number): Promise<KeptCheckpoint>;
    /** RFC 9162 consistency proof between two sizes the tree has reached. */
    consistency(first: number, second: number): Promise<E.Either<string, Hash[]>>;
    rootAt(size: number): Hash;
    /** Whether a note is a checkpoint this log's key signed. */
    isOwn(note: string): boolean;
    close(): void;
}
