import { entryLeafHash, entryOf } from "../../domain/audit/leaf.js";
import { memoryRange, rootOfRange } from "../../domain/audit/merkle.js";
export const recomputedLeaves = (events) => events.map((e) => entryLeafHash(entryOf(e)));
export const checkLog = (events, candidates, stored) => {
    const leaves = recomputedLeaves(events);
    const range = memoryRange(leaves);
    const eventAt = (i) => {
        const e = events[i];
        return { leafIndex: i, position: e.position, streamId: e.streamId, revision: e.revision, type: e.type };
    };
    const verdicts = candidates.map((c) => {
        if (!c.ok)
            return { kind: 'unverified', source: c.source, reason: c.reason };
        const cp = c.checkpoint;
        if (cp.size <= leaves.length && rootOfRange(range, cp.size).equals(cp.root))
            return { kind: 'consistent', source: c.source, checkpoint: cp };
        const trusted = stored && stored.size() >= cp.size && rootOfRange(stored.range, cp.size).equals(cp.root);
        if (!trusted) {
            const detail = 'the log no longer matches this checkpoint, and the stored tree was rewritten as well: the changed event cannot be located from this data dir (compare with a backup)';
            return cp.size > leaves.length
                ? { kind: 'truncated', source: c.source, checkpoint: cp, logSize: leaves.length, missingPosition: null, detail }
                : { kind: 'changed', source: c.source, checkpoint: cp, first: null, detail };
        }
        const committed = stored.leafHashes(0, cp.size);
        const upTo = Math.min(cp.size, leaves.length);
        for (let i = 0; i < upTo; i++) {
            if (!leaves[i].equals(committed[i])) {
                const e = eventAt(i);
                const was = stored.leafPosition(i);
                return {
                    kind: 'changed', source: c.source, checkpoint: cp, first: e,
                    detail: was === e.position
                        ? `the event at position ${e.position} (${e.streamId}@${e.revision}, ${e.type}) is not the one the checkpoint committed to`
                        : `leaf ${i} was the event at position ${was}; the log now has ${e.streamId}@${e.revision} (position ${e.position}) there: events were removed, inserted or moved`,
                };
            }
        }
        const missingPosition = stored.leafPosition(leaves.length) ?? null;
        return {
            kind: 'truncated', source: c.source, checkpoint: cp, logSize: leaves.length, missingPosition,
            detail: `the checkpoint has ${cp.size} events, the log ${leaves.length}: events from position ${missingPosition ?? '?'} on were cut off`,
        };
    });
    const forks = [];
    const ok = candidates.filter((c) => c.ok);
    for (let i = 0; i < ok.length; i++)
        for (let j = i + 1; j < ok.length; j++)
            if (ok[i].checkpoint.size === ok[j].checkpoint.size && !ok[i].checkpoint.root.equals(ok[j].checkpoint.root))
                forks.push({ a: ok[i].source, b: ok[j].source, size: ok[i].checkpoint.size });
    const consistent = verdicts.filter((v) => v.kind === 'consistent');
    const newestConsistent = consistent.sort((a, b) => a.checkpoint.size - b.checkpoint.size || (a.checkpoint.time ?? '').localeCompare(b.checkpoint.time ?? '')).at(-1) ?? null;
    return { logSize: leaves.length, verdicts, forks, newestConsistent };
};
