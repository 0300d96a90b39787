import { planBatch } from "../../projections/runner.js";
/**
 * Feeds the views from the store: `subscribeAll` after the lowest checkpoint, events gathered into batches and
 * applied one transaction per batch. `waitFor(position)` gives read-your-writes: the API answers a command once
 * every view has passed the position the command's append returned.
 */
export class ProjectionRunner {
    options;
    batchSize;
    subscription;
    buffer = [];
    flushScheduled = false;
    reached = 0;
    failure;
    waiters = [];
    constructor(options) {
        this.options = options;
        this.batchSize = options.batchSize ?? 1000;
        for (const v of options.views)
            options.readStore.install(v);
        this.reached = this.lowestCheckpoint();
    }
    /** Starts live delivery from the lowest checkpoint. Views that a version bump reset refold from 0. */
    start() {
        if (this.subscription)
            return;
        this.subscription = this.options.store.subscribeAll({ after: this.lowestCheckpoint() }, (e) => this.receive(e));
    }
    /** Stops delivery and commits what was received. */
    async stop() {
        const s = this.subscription;
        this.subscription = undefined;
        if (s)
            await s.stop();
        this.flush();
    }
    /** The lowest checkpoint over all views: every view has applied every event up to it. */
    position() {
        return this.reached;
    }
    /**
     * Resolves true once every view has passed `position`, false after `timeoutMs` (the caller then answers
     * without the guarantee, or retries). Rejects if the runner failed to apply a batch.
     */
    waitFor(position, timeoutMs = 5000) {
        if (this.failure)
            return Promise.reject(this.failure);
        if (this.reached >= position)
            return Promise.resolve(true);
        return new Promise((resolve, reject) => {
            const w = { position, resolve, reject };
            w.timer = setTimeout(() => {
                this.waiters.splice(this.waiters.indexOf(w), 1);
                resolve(false);
            }, timeoutMs);
            this.waiters.push(w);
        });
    }
    /**
     * Drops the named view (or every view) and folds the whole log into it again, batch by batch. Live delivery
     * pauses meanwhile and resumes from the checkpoints afterwards.
     */
    async rebuild(viewName, onProgress) {
        const views = viewName ? this.options.views.filter((v) => v.name === viewName) : this.options.views;
        if (views.length === 0)
            throw new Error(`no view named ${viewName}; views: ${this.options.views.map((v) => v.name).join(', ')}`);
        const wasRunning = this.subscription !== undefined;
        await this.stop();
        const started = performance.now();
        for (const v of views)
            this.options.readStore.reset(v);
        const total = await this.options.store.headPosition();
        let after = 0;
        let events = 0;
        for (;;) {
            const page = await this.options.store.readAll({ after, limit: this.batchSize });
            if (page.length === 0)
                break;
            this.applyBatch(page, views);
            events += page.length;
            after = page[page.length - 1].position;
            onProgress?.({ done: Math.min(after, total), total });
        }
        this.reached = this.lowestCheckpoint();
        if (wasRunning)
            this.start();
        return { views: views.map((v) => v.name), events, ms: performance.now() - started };
    }
    /** The error that stopped delivery, if any. */
    failed() {
        return this.failure;
    }
    receive(e) {
        if (this.failure)
            return;
        this.buffer.push(e);
        if (this.buffer.length >= this.batchSize)
            this.flush();
        else if (!this.flushScheduled) {
            this.flushScheduled = true;
            setImmediate(() => this.flush());
        }
    }
    flush() {
        this.flushScheduled = false;
        if (this.buffer.length === 0)
            return;
        const batch = this.buffer;
        this.buffer = [];
        try {
            this.applyBatch(batch, this.options.views);
        }
        catch (err) {
            // Nothing of the batch committed; the checkpoint still says where to resume after a restart.
            const failure = err instanceof Error ? err : new Error(String(err));
            this.failure = failure;
            void this.subscription?.stop();
            this.subscription = undefined;
            for (const w of this.waiters.splice(0)) {
                clearTimeout(w.timer);
                w.reject(failure);
            }
            this.options.onFailure?.(failure);
            return;
        }
        this.reached = this.lowestCheckpoint();
        for (const w of [...this.waiters]) {
            if (w.position <= this.reached) {
                clearTimeout(w.timer);
                this.waiters.splice(this.waiters.indexOf(w), 1);
                w.resolve(true);
            }
        }
    }
    applyBatch(events, views) {
        const plan = this.options.readStore.applyPlanned((checkpoints) => planBatch(views, checkpoints, events));
        for (const p of plan.problems)
            this.options.onProblem?.(p);
    }
    lowestCheckpoint() {
        const cps = this.options.readStore.checkpoints();
        return Math.min(...this.options.views.map((v) => cps.get(v.name) ?? 0));
    }
}
