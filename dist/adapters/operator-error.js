// The exit codes of every `keyledger` command (docs/operations.md#exit-codes), after sysexits.h's idea of
// telling a script *why* a command failed, not only that it did. Each has a spec in spec/adapters/cli/exit-codes.spec.ts.
export const EXIT = {
    /** The command did what it was asked. */
    ok: 0,
    /** It failed for a reason not below (a network error, a refused request, a bug). */
    failure: 1,
    /** The command line or the --config file is wrong: nothing was read or written. */
    usage: 2,
    /** The data dir, a file in it, or its lock is missing, held by another process, or from a newer keyledger. */
    dataDir: 3,
    /** The data does not add up: a hash, the root key, key material or an audit chain does not match. */
    integrity: 4,
};
/** One row per exit code, for `--help` and the generated table in docs/operations.md. */
export const EXIT_CODE_TABLE = [
    { code: 0, name: 'ok', meaning: 'the command did what it was asked' },
    { code: 1, name: 'failure', meaning: 'it failed for another reason (network, a refused request, a bug): read the error line' },
    { code: 2, name: 'usage', meaning: 'the command line or the --config file is wrong; nothing was read or written' },
    { code: 3, name: 'dataDir', meaning: 'the data dir, a file in it or its lock is missing, held by another process, or from a newer keyledger' },
    { code: 4, name: 'integrity', meaning: 'the data does not add up: a backup hash, the root key, key material or an audit hash chain does not match' },
];
/**
 * A failure an operator can act on: a stable code (e.g. `DataDir.Locked`), what failed, what to do, and the
 * exit code. Printed as one line: `keyledger <command>: <Code>: <what failed>. <what to do>`.
 */
export class OperatorError extends Error {
    code;
    what;
    todo;
    exitCode;
    name = 'OperatorError';
    constructor(code, what, todo, exitCode) {
        super(`${code}: ${todo ? `${what.replace(/\.$/, '')}. ${todo}` : what}`);
        this.code = code;
        this.what = what;
        this.todo = todo;
        this.exitCode = exitCode;
    }
}
