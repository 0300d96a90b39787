import type { NewEvent, SealedMetadata } from '../kernel/envelope.ts';
/** The hash that starts every stream's chain. */
export declare const GENESIS_HASH: string;
/** JSON with object keys sorted at every depth: the same content always gives the same bytes. */
export declare const canonicalJson: (value: unknown) => string;
export interface Hashable {
    readonly streamId: string;
    readonly revision: number;
    readonly eventId: string;
    readonly type: string;
    readonly data: unknown;
    readonly metadata: Omit<SealedMetadata, 'hash'> & {
        hash?: string;
    };
}
/**
 * SHA-256 over the canonical JSON of an event without its own `hash` (the exact bytes, with vectors a spec
 * pins: docs/audit-format.md §1). The stream id and revision are part of
 * what is hashed, so an event moved to another place in the log breaks the chain as surely as an edited one.
 */
export declare const hashEvent: (e: Hashable) => string;
/** Links new events to the last hash of their stream; `firstRevision` is the revision the first one will take. */
export declare const sealEvents: (streamId: string, firstRevision: number, prevHash: string, events: readonly NewEvent[]) => Array<NewEvent & {
    metadata: SealedMetadata;
}>;
