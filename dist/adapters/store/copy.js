import * as E from 'fp-ts/lib/Either.js';
import { COPY_PAGE, CopyRefused, planCopy } from "./copy-plan.js";
import { verifyCopiedStream } from "./copy-verify.js";
export { CopyRefused } from "./copy-plan.js";
export { CopyMismatch } from "./copy-verify.js";
/** A source event appended to the target: its chain links are left to the target, which seals it again. */
const unsealed = (e) => {
    const { prevHash: _prev, hash: _hash, ...metadata } = e.metadata;
    return { eventId: e.eventId, type: e.type, data: e.data, metadata };
};
/**
 * Copies every stream of `source` into `target`, keeping stream ids, revisions, event ids, types, data and
 * metadata. The target seals each event on append (`sealEvents`) from the same previous hash at the same
 * revision, so every hash comes out identical; the final check recomputes and compares them.
 *
 * - Events are appended in the source's global order, runs of one stream as one atomic append, one append at a
 *   time: the target's global order is the source's (positions themselves differ between stores).
 * - Only the source up to its head at the start is copied; a later run copies what came after.
 * - Streams the target already holds must be identical prefixes (an interrupted copy): the copy then resumes
 *   after them. Anything else is refused before anything is written (`CopyRefused`).
 * - Each append states the exact revision it expects, so a concurrent writer on the target stops the copy
 *   (`CopyRefused`) instead of interleaving with it.
 */
export const copyEventStore = async (source, target, options = {}) => {
    const plan = await planCopy(source, target);
    const next = new Map([...plan.streams].map(([s, { present }]) => [s, present]));
    const alreadyPresent = [...plan.streams.values()].reduce((n, s) => n + s.present, 0);
    let done = 0;
    let written = 0;
    const report = (phase, n) => options.onProgress?.({ phase, done: n, total: phase === 'copy' ? plan.total : plan.streams.size });
    let run = [];
    const flush = async () => {
        const first = run[0];
        if (!first)
            return;
        options.signal?.throwIfAborted();
        const expected = first.revision === 0 ? 'no_stream' : first.revision - 1;
        const appended = await target.append(first.streamId, expected, run.map(unsealed));
        if (E.isLeft(appended))
            throw new CopyRefused(first.streamId, `another writer changed it in the target during the copy (its last revision is ${appended.left.actual}, expected ${expected})`);
        next.set(first.streamId, first.revision + run.length);
        written += run.length;
        done += run.length;
        run = [];
        report('copy', done);
    };
    const started = performance.now();
    report('copy', 0);
    for (let after = 0; after < plan.head;) {
        const page = await source.readAll({ after, limit: COPY_PAGE });
        if (page.length === 0)
            break;
        for (const e of page) {
            if (e.position > plan.head)
                break;
            if (e.revision < (next.get(e.streamId) ?? 0)) {
                done++; // the target already holds it (checked identical by the plan)
                continue;
            }
            if (run.length > 0 && (run[0].streamId !== e.streamId || run.length >= COPY_PAGE))
                await flush();
            const expectedRevision = run.length > 0 ? run.at(-1).revision + 1 : next.get(e.streamId) ?? 0;
            if (e.revision !== expectedRevision)
                throw new Error(`source stream ${e.streamId}: revision ${e.revision} comes where ${expectedRevision} was expected`);
            run.push(e);
        }
        after = page.at(-1).position;
    }
    await flush();
    const seconds = (performance.now() - started) / 1000;
    let verified = 0;
    report('verify', 0);
    for (const [streamId, { lastRevision }] of plan.streams) {
        await verifyCopiedStream(source, target, streamId, lastRevision);
        report('verify', ++verified);
    }
    return {
        streams: plan.streams.size,
        total: plan.total,
        written,
        alreadyPresent,
        seconds,
        eventsPerSecond: seconds > 0 ? written / seconds : 0,
        verified,
    };
};
