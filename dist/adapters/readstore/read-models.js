import { allViews } from "../../projections/views/index.js";
import { SqliteKeyCatalogueQuery } from "./key-catalogue-query.js";
import { SqliteKeyPolicyHistory } from "./key-policy-query.js";
import { SqliteKeyUsageQuery } from "./key-usage-query.js";
import { readAnchors } from "./anchor.js";
import { ProjectionRunner } from "./runner.js";
import { SqliteReadStore } from "./sqlite.js";
export const DEFAULT_READ_WAIT_MS = 2000;
/** Opens the read store, starts the runner and waits until the views have caught up with the store's head. */
export const openReadModels = async (o) => {
    const log = o.logger;
    const waitMs = o.waitMs ?? DEFAULT_READ_WAIT_MS;
    const readStore = SqliteReadStore.open(o.path);
    let runner;
    try {
        runner = new ProjectionRunner({
            store: o.store, readStore, views: allViews,
            // The event stays out of the views until its codec or an upcaster reads it and the view is rebuilt.
            onProblem: (p) => log.warn({ position: p.position, streamId: p.streamId, revision: p.revision, type: p.type, reason: p.reason }, 'event does not decode; left out of the read models'),
            onFailure: (err) => log.error({ code: 'ReadModels.Stopped', err: { message: err.message } }, 'ReadModels.Stopped: read models stopped: a batch could not be committed. Fix the read store (disk space, permissions) and restart; keyledger projections rebuild refolds it'),
        });
    }
    catch (e) {
        readStore.close();
        throw e;
    }
    const wait = async (position) => {
        try {
            return (await runner.waitFor(position, waitMs)) ? 'reached' : 'timeout';
        }
        catch {
            return 'failed'; // logged once by onFailure
        }
    };
    const close = async () => {
        await runner.stop();
        readStore.close();
    };
    runner.start();
    let firstEventAt;
    try {
        firstEventAt = (await o.store.readAll({ limit: 1 }))[0]?.metadata.occurredAt;
        // Queries right after start must not answer from a half-folded catalogue: wait for the head, however long.
        const head = await o.store.headPosition();
        if (runner.position() < head)
            log.info({ from: runner.position(), to: head }, 'read models catching up');
        while (!(await runner.waitFor(head, 5000)))
            log.info({ at: runner.position(), to: head }, 'read models still catching up');
    }
    catch (e) {
        await close();
        throw e;
    }
    return {
        runner, readStore, close,
        catalogue: new SqliteKeyCatalogueQuery(readStore),
        usage: new SqliteKeyUsageQuery(readStore, { trackingSince: o.usageTrackingSince ?? (() => firstEventAt) }),
        policies: new SqliteKeyPolicyHistory(readStore),
        track: (f) => o.tracking.track(f),
        streamLength: (streamId) => {
            const head = readAnchors(readStore, [streamId]).get(streamId);
            return head === undefined ? 0 : head.revision + 1;
        },
        waitFor: (position) => (position <= 0 ? Promise.resolve('reached') : wait(position)),
        catchUp: async () => {
            const head = await o.store.headPosition();
            if (firstEventAt === undefined && head > 0)
                firstEventAt = (await o.store.readAll({ limit: 1 }))[0]?.metadata.occurredAt;
            return wait(head);
        },
    };
};
