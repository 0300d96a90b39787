export declare const EXIT: {
    /** The command did what it was asked. */
    readonly ok: 0;
    /** It failed for a reason not below (a network error, a refused request, a bug). */
    readonly failure: 1;
    /** The command line or the --config file is wrong: nothing was read or written. */
    readonly usage: 2;
    /** The data dir, a file in it, or its lock is missing, held by another process, or from a newer keyledger. */
    readonly dataDir: 3;
    /** The data does not add up: a hash, the root key, key material or an audit chain does not match. */
    readonly integrity: 4;
};
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
/** One row per exit code, for `--help` and the generated table in docs/operations.md. */
export declare const EXIT_CODE_TABLE: readonly {
    code: ExitCode;
    name: keyof typeof EXIT;
    meaning: string;
}[];
/**
 * A failure an operator can act on: a stable code (e.g. `DataDir.Locked`), what failed, what to do, and the
 * exit code. Printed as one line: `keyledger <command>: <Code>: <what failed>. <what to do>`.
 */
export declare class OperatorError extends Error {
    readonly code: string;
    readonly what: string;
    readonly todo: string;
    readonly exitCode: ExitCode;
    name: string;
    constructor(code: string, what: string, todo: string, exitCode: ExitCode);
}
