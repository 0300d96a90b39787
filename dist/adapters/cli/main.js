import { Command, CommanderError } from 'commander';
import { registerAccessKeys } from "./access-keys.js";
import { registerAudit } from "./audit.js";
import { registerBackup } from "./backup.js";
import { registerUpgrade } from "./upgrade.js";
import { CliError } from "./format.js";
import { EXIT, OperatorError } from "../operator-error.js";
import { registerProjections } from "./projections.js";
import { registerJobs } from "./jobs.js";
import { registerReport } from "./report.js";
import { registerServe } from "./serve.js";
import { registerStore } from "./store.js";
import { registerVault } from "./vault.js";
import { openDataDirEventStore } from "../../composition/event-store.js";
// The commander root: each command group registers itself from its own file, one line here each.
export const buildProgram = (ctx) => {
    const program = new Command('keyledger')
        .description('An event-sourced key management service compatible with the Alibaba Cloud KMS OpenAPI (2016-01-20).')
        .exitOverride();
    // A usage error is one line and a pointer to --help (the whole help text would scroll the error away).
    program.configureOutput({
        writeOut: (s) => ctx.out(s.trimEnd()), writeErr: (s) => ctx.err(s.trimEnd()),
        outputError: (s, write) => write(`keyledger: ${s.trim().replace(/^error: /, '')} (see --help)`),
    });
    registerServe(program);
    registerAccessKeys(program);
    registerJobs(program);
    registerStore(program);
    registerVault(program);
    registerAudit(program, ctx);
    registerReport(program, ctx);
    registerProjections(program, ctx);
    registerBackup(program);
    registerUpgrade(program);
    return program;
};
/** Runs one command line (without `node` and the script); returns the exit code. */
export const runCli = async (argv, ctx) => {
    process.exitCode = 0;
    try {
        await buildProgram(ctx).parseAsync([...argv], { from: 'user' });
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion, @typescript-eslint/no-unnecessary-condition -- exitCode is undefined (or a string) until set, whatever @types/node says
        return Number(process.exitCode ?? 0);
    }
    catch (err) {
        if (err instanceof CommanderError)
            return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? EXIT.ok : EXIT.usage;
        if (err instanceof CliError) {
            ctx.err(`keyledger: ${err.message} (see --help)`);
            return EXIT.usage;
        }
        if (err instanceof OperatorError) {
            ctx.err(`keyledger: ${err.message}`);
            return err.exitCode;
        }
        const message = err instanceof Error ? err.message : String(err);
        ctx.err(`keyledger: ${message}`);
        // A database of a newer keyledger (or another program) is the data dir's problem, whoever found it.
        return /^DataDir\.[A-Za-z]+: /.test(message) ? EXIT.dataDir : EXIT.failure;
    }
};
export const defaultCliContext = () => ({
    openEventStore: openDataDirEventStore,
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    now: () => new Date(),
    progress: process.stderr.isTTY,
});
export const main = async (argv = process.argv.slice(2)) => {
    process.exitCode = await runCli(argv, defaultCliContext());
};
