/**
 * Runs tasks one at a time per key, in arrival order, across keys concurrently: a task starts when the previous
 * task of its key settled (fulfilled or not). Used where a check and the write it allows must not interleave
 * within this process: one BYOK import per key, one key-policy change per quota pool.
 */
export class KeyedQueue {
    tails = new Map();
    run(key, task) {
        const before = this.tails.get(key) ?? Promise.resolve();
        const mine = before.then(task, task);
        const tail = mine.catch(() => undefined);
        this.tails.set(key, tail);
        void tail.then(() => {
            if (this.tails.get(key) === tail)
                this.tails.delete(key);
        });
        return mine;
    }
}
