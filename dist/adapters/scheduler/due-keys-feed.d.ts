import type { EventStore } from '../../domain/ports/event-store.ts';
import { type DueKeysView, type RotationUnit } from '../../projections/due-keys.ts';
/** What a job reads: the view, after catching up with the store. */
export interface DueKeysSource {
    view(): DueKeysView;
    /** Folds every event of the followed streams already in the store, so a run acts on what is committed now. */
    catchUp(): Promise<void>;
}
interface FeedLog {
    warn(obj: object, msg: string): void;
}
/**
 * The due-keys view held in memory, fed by `store.subscribeAll` (live) and by `catchUp` (before each run: a
 * subscription over a store shared by several processes only sees their commits on its next poll). Both paths
 * apply the row folds of `projections/due-keys.ts` in place, in position order, each event once.
 * Until the projection runner and read store take it over, every server start refolds from position 0.
 */
export declare class DueKeysFeed implements DueKeysSource {
    private readonly store;
    private readonly rotationUnit;
    private readonly log?;
    private readonly keys;
    private readonly aliases;
    private position;
    private undecodable;
    private subscription;
    private constructor();
    static start(store: EventStore, options?: {
        rotationUnit?: RotationUnit;
        log?: FeedLog;
    }): DueKeysFeed;
    view(): DueKeysView;
    catchUp(): Promise<void>;
    stop(): Promise<void>;
    private apply;
}
export {};
