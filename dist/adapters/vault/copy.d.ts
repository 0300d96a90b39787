import type { EventStore } from '../../domain/ports/event-store.ts';
import { type WrappedVault } from './wrapped-rows.ts';
/** The copy would overwrite, or bring back, something it must not: nothing was written. */
export declare class VaultCopyRefused extends Error {
    constructor(message: string);
}
/** After the copy a source row is not in the target as it is. */
export declare class VaultCopyMismatch extends Error {
    constructor(message: string);
}
export interface VaultCopyProgress {
    readonly phase: 'plan' | 'copy' | 'verify';
    readonly done: number;
    readonly total: number;
}
export interface VaultCopyOptions {
    /** The event store of these keys: a key Deleted there is not copied (its material was shredded and must stay so). */
    readonly events?: EventStore;
    readonly onProgress?: (p: VaultCopyProgress) => void;
    /** Stops between keys (e.g. on Ctrl-C); what was written stays, and the next run resumes after it. */
    readonly signal?: AbortSignal;
}
export interface VaultCopyReport {
    /** Keys with rows in the source. */
    readonly keys: number;
    /** Rows of the keys copied (written now or already there). */
    readonly rows: number;
    readonly written: number;
    readonly alreadyPresent: number;
    /** Keys Deleted in the event store given: their rows were not copied. */
    readonly deletedInEvents: readonly string[];
    /** Keys destroyed (tombstoned) in the target: their rows were not copied. */
    readonly destroyedInTarget: readonly string[];
    /** Keys copied that the event store given has no stream for (material made for a key or version never stored). */
    readonly unknownToEvents: readonly string[];
    /** Whether the deletion check ran (an event store was given). */
    readonly eventsChecked: boolean;
    readonly rootCheck: 'copied' | 'already present' | 'none in the source';
    /** Source rows found byte for byte in the target by the final check. */
    readonly verified: number;
}
/**
 * Copies every key's wrapped rows (material, generated and imported, and the import fingerprint) from `source`
 * to `target`, then checks that every source row is in the target as it is.
 * - Plan first: every key is compared with the target before anything is written. A row present and identical
 *   counts as done (an earlier run); a different row in the same slot, or a root key check of the target that
 *   differs from the source's, refuses the whole copy (`VaultCopyRefused`) with nothing written.
 * - With `events`, keys Deleted there are skipped, as are keys destroyed in the target: shredded material never
 *   comes back. A key stream that does not decode refuses the copy (it cannot tell).
 * - Each key's rows go in at once (a transaction in SQLite; one append per stream, at the exact revision read, in
 *   EventStoreDB): a concurrent writer stops the copy instead of being overwritten.
 */
export declare const copyVault: (source: WrappedVault, target: WrappedVault, options?: VaultCopyOptions) => Promise<VaultCopyReport>;
