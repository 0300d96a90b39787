/**
 * How the copy commands run: Ctrl-C aborts between steps (exit 130, and what was copied stays, so running the
 * same command again resumes), expected refusals print their message alone (exit 1), anything else prints
 * "<what> failed: …" (exit 1), and whatever the work opened is closed in every case.
 */
export interface Interruptible<P> {
    /** Used in the failure line: "copy failed: …". */
    readonly what: string;
    /** Error classes whose message is the whole answer (a refusal, not a fault). */
    readonly refusals: ReadonlyArray<abstract new (...args: never[]) => Error>;
    readonly progress?: {
        update: (p: P) => void;
        stop: () => void;
    } | undefined;
    /** Does the work; registers what it opens in `opened`; returns the summary to print. */
    run(signal: AbortSignal, onProgress: ((p: P) => void) | undefined, opened: Array<{
        close(): unknown;
    }>): Promise<string>;
}
export declare const runInterruptibly: <P>(job: Interruptible<P>, out: NodeJS.WritableStream, err: NodeJS.WritableStream) => Promise<number>;
