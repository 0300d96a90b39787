import { Worker } from 'node:worker_threads';
import { errorFromWire, toWire } from "./writer-protocol.js";
/**
 * The store's side of its writer thread (writer-thread.ts). Appends made during one turn of the event loop go
 * over in one message; each promise settles when the writer reports its transaction committed (fsynced). The
 * thread keeps the process alive only while appends are in flight, so a store nobody closes does not hang the
 * process, and one with appends in flight does not let it exit before they are acknowledged.
 */
export class ThreadWriter {
    worker;
    committed;
    stats = { transactions: 0, appends: 0 };
    waiting = new Map();
    outbox = [];
    nextId = 1;
    posting = false;
    failure;
    closed;
    onClosed;
    constructor(worker, committed) {
        this.worker = worker;
        this.committed = committed;
        worker.on('message', (m) => this.receive(m));
        worker.on('error', (e) => this.fail(e));
        worker.on('exit', () => {
            this.fail(new Error('the event store writer stopped'));
            this.onClosed?.();
        });
    }
    static start(path, busyTimeoutMs, committed) {
        const worker = new Worker(new URL('./writer-thread.mjs', import.meta.url), { workerData: { path, busyTimeoutMs } });
        return new Promise((resolve, reject) => {
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the worker thread posts its failure as a value; the caller turns it into an error
            const failed = (e) => reject(e);
            worker.once('error', failed);
            worker.once('message', (m) => {
                worker.off('error', failed);
                if (m.kind !== 'ready')
                    return reject(new Error(`the event store writer did not start: ${m.kind}`));
                worker.unref();
                resolve(new ThreadWriter(worker, committed));
            });
        });
    }
    enqueue(request) {
        if (this.failure)
            return Promise.reject(this.failure);
        const id = this.nextId++;
        let wire;
        try {
            wire = toWire(id, request);
        }
        catch (e) {
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the worker thread posts its failure as a value; the caller turns it into an error
            return Promise.reject(e);
        }
        return new Promise((resolve, reject) => {
            if (this.waiting.size === 0)
                this.worker.ref();
            this.waiting.set(id, { resolve, reject });
            this.outbox.push(wire);
            if (this.posting)
                return;
            this.posting = true;
            // Everything appended in this turn of the event loop crosses in one message.
            setImmediate(() => this.post());
        });
    }
    /** Sends what is queued, lets the writer commit it, and stops the thread. */
    close() {
        return (this.closed ??= new Promise((resolve) => {
            this.post();
            if (this.failure)
                return resolve();
            this.onClosed = resolve;
            this.worker.ref();
            this.send({ kind: 'close' });
        }));
    }
    post() {
        this.posting = false;
        if (this.outbox.length === 0)
            return;
        const appends = this.outbox;
        this.outbox = [];
        this.send({ kind: 'append', appends });
    }
    send(m) {
        this.worker.postMessage(m);
    }
    receive(m) {
        if (m.kind === 'closed')
            return void this.worker.terminate();
        if (m.kind !== 'committed')
            return;
        this.stats.transactions = m.stats.transactions;
        this.stats.appends = m.stats.appends;
        for (const s of m.settled) {
            const w = this.waiting.get(s.id);
            if (!w)
                continue;
            this.waiting.delete(s.id);
            if ('outcome' in s)
                w.resolve(s.outcome);
            else
                w.reject(errorFromWire(s.error));
        }
        if (this.waiting.size === 0 && !this.closed)
            this.worker.unref();
        if (m.wrote)
            this.committed();
    }
    fail(e) {
        this.failure ??= e;
        for (const w of this.waiting.values())
            w.reject(this.failure);
        this.waiting.clear();
    }
}
