/**
 * Runs tasks one at a time per key, in arrival order, across keys concurrently: a task starts when the previous
 * task of its key settled (fulfilled or not). Used where a check and the write it allows must not interleave
 * within this process: one BYOK import per key, one key-policy change per quota pool.
 */
export declare class KeyedQueue {
    private readonly tails;
    run<T>(key: string, task: () => Promise<T>): Promise<T>;
}
