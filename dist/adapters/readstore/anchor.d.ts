import type { StreamHead } from '../../projections/audit/verify.ts';
import type { SqliteReadStore } from './sqlite.ts';
/** The stream heads the read store recorded: the anchor `audit verify` compares the event store with. */
export declare const readAnchors: (rs: SqliteReadStore, streamIds?: readonly string[]) => Map<string, StreamHead>;
