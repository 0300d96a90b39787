import { hashEvent } from "../events/hash-chain.js";
import { leafHash } from "./merkle.js";
export const LEAF_ENTRY_VERSION = 'keyledger-leaf/v1';
export const leafEntryBytes = (e) => Buffer.from(`${LEAF_ENTRY_VERSION}\n${e.position}\n${e.streamId}\n${e.revision}\n${e.hash}\n`, 'utf8');
export const entryLeafHash = (e) => leafHash(leafEntryBytes(e));
/** The entry as the event stands now: its hash recomputed from its content, never the stored `hash` field. */
export const entryOf = (e) => ({ position: e.position, streamId: e.streamId, revision: e.revision, hash: hashEvent(e) });
/** The entry as it was sealed at append time (the stored hash): what the store adds to the tree. */
export const sealedEntryOf = (e) => ({ position: e.position, streamId: e.streamId, revision: e.revision, hash: e.metadata.hash });
