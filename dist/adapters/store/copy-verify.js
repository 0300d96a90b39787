import { GENESIS_HASH, hashEvent } from "../../domain/events/hash-chain.js";
/** The copy finished but a stream's chain in the target is not the source's: the target must not be used. */
export class CopyMismatch extends Error {
    streamId;
    constructor(streamId, reason) {
        super(`copy check failed for ${streamId}: ${reason}`);
        this.streamId = streamId;
        this.name = 'CopyMismatch';
    }
}
/** Recomputes a stream's chain from GENESIS_HASH; returns its last hash, or what is wrong with it. */
export const recomputeChain = (events) => {
    let prev = GENESIS_HASH;
    for (const [i, e] of events.entries()) {
        if (e.revision !== i)
            return { problem: `revision ${e.revision} at index ${i}` };
        if (e.metadata.prevHash !== prev)
            return { problem: `revision ${i} does not link to the previous hash` };
        if (hashEvent(e) !== e.metadata.hash)
            return { problem: `the hash of revision ${i} does not recompute` };
        prev = e.metadata.hash;
    }
    return { lastHash: prev };
};
/**
 * The final check of a copy: for every stream, both chains recompute from GENESIS_HASH, the target holds at least
 * the source's events up to the copy's head (`lastRevision`), and the last hash of the target equals the source's
 * at that revision. The chain covers ids, types, data, metadata and revisions, so equal hashes mean equal streams.
 */
export const verifyCopiedStream = async (source, target, streamId, lastRevision) => {
    const [original, copied] = await Promise.all([source.readStream(streamId), target.readStream(streamId)]);
    const theirs = recomputeChain(original);
    if ('problem' in theirs)
        throw new CopyMismatch(streamId, `the SOURCE chain is broken: ${theirs.problem}`);
    const ours = recomputeChain(copied);
    if ('problem' in ours)
        throw new CopyMismatch(streamId, `the target chain is broken: ${ours.problem}`);
    if (copied.length < lastRevision + 1)
        throw new CopyMismatch(streamId, `the target holds ${copied.length} events, expected ${lastRevision + 1}`);
    const at = original[copied.length - 1];
    if (!at)
        throw new CopyMismatch(streamId, `the target holds ${copied.length} events, the source ${original.length}`);
    if (at.metadata.hash !== ours.lastHash)
        throw new CopyMismatch(streamId, `last hash ${ours.lastHash} differs from the source's ${at.metadata.hash} at revision ${at.revision}`);
};
