import type { RecordedEvent } from '../kernel/envelope.ts';
import { type Hash } from './merkle.ts';
export interface LeafEntry {
    readonly position: number;
    readonly streamId: string;
    readonly revision: number;
    /** The event's hash (hex). */
    readonly hash: string;
}
export declare const LEAF_ENTRY_VERSION = "keyledger-leaf/v1";
export declare const leafEntryBytes: (e: LeafEntry) => Buffer;
export declare const entryLeafHash: (e: LeafEntry) => Hash;
/** The entry as the event stands now: its hash recomputed from its content, never the stored `hash` field. */
export declare const entryOf: (e: RecordedEvent) => LeafEntry;
/** The entry as it was sealed at append time (the stored hash): what the store adds to the tree. */
export declare const sealedEntryOf: (e: Pick<RecordedEvent, "position" | "streamId" | "revision"> & {
    metadata: {
        hash: string;
    };
}) => LeafEntry;
