import { parentPort, workerData } from 'node:worker_threads';
import { commitGroup, MAX_APPENDS_PER_TRANSACTION } from "./group-commit.js";
import { openDatabase } from "./open.js";
import { prepareStatements } from "./statements.js";
import { errorToWire, fromWire, settledToWire } from "./writer-protocol.js";
// The event store's writer thread (docs/architecture.md §8, writes off the event loop): its own connection, the
// only one of this process that writes. A commit's fsync blocks this thread, not the server's event loop, which
// meanwhile serves requests whose appends queue here and go into the next transaction together.
const port = parentPort;
const { path, busyTimeoutMs } = workerData;
const post = (m) => port.postMessage(m);
const db = openDatabase(path, busyTimeoutMs !== undefined ? { busyTimeoutMs } : {});
const st = prepareStatements(db);
const stats = { transactions: 0, appends: 0 };
const queue = [];
let scheduled = false;
const flush = () => {
    const group = queue.splice(0, MAX_APPENDS_PER_TRANSACTION);
    if (group.length === 0)
        return;
    const requests = group.map((w) => {
        try {
            return fromWire(w);
        }
        catch (error) {
            return error;
        }
    });
    const valid = requests.filter((r) => !(r instanceof Error));
    let result;
    try {
        result = commitGroup(st, valid);
    }
    catch (error) {
        const wire = errorToWire(error);
        post({ kind: 'committed', settled: group.map((w) => ({ id: w.id, error: wire })), wrote: false, stats });
        return;
    }
    stats.transactions++;
    stats.appends += valid.length;
    let next = 0;
    const settled = group.map((w, i) => {
        const r = requests[i];
        return r instanceof Error ? { id: w.id, error: errorToWire(r) } : settledToWire(w.id, result.settled[next++]);
    });
    post({ kind: 'committed', settled, wrote: result.wrote, stats });
};
const schedule = () => {
    if (scheduled)
        return;
    scheduled = true;
    // Messages that arrived during the last commit are all delivered before this runs: they share the next one.
    setImmediate(() => {
        scheduled = false;
        flush();
        if (queue.length)
            schedule();
    });
};
port.on('message', (m) => {
    if (m.kind === 'append') {
        for (const a of m.appends)
            queue.push(a);
        schedule();
        return;
    }
    while (queue.length)
        flush();
    db.close();
    post({ kind: 'closed' });
    port.close();
});
post({ kind: 'ready' });
