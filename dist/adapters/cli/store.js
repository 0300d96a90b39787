import { copyEventStore, CopyMismatch, CopyRefused } from "../store/copy.js";
import { openEventStoreByUrl, UnsupportedStoreUrl } from "../../composition/stores.js";
import { phasedProgressBar } from "./phased-progress.js";
import { runInterruptibly } from "./interruptible.js";
// `keyledger store …`: event store maintenance. `store copy` moves a deployment between stores (SQLite ⇄
// EventStoreDB) with every hash chain intact.
const COPY_HELP = `
Store URLs:
  sqlite:/var/lib/keyledger/events.sqlite   a SQLite event store file (a plain path works too;
                                            serve keeps it as <dataDir>/events.sqlite)
  esdb://host:2113?tls=false                EventStoreDB (any connection string @eventstore/db-client accepts)
  esdb+discover://host:2113                 EventStoreDB cluster, through gossip

Every stream is copied with its stream id, revisions, event ids, types, data and metadata, in the source's
global order; the target seals each event again and gets the same hashes. Then every stream's chain is
recomputed in both stores and their last hashes compared.

The target must not hold any of the source's streams, except identical prefixes left by an interrupted copy:
running the same command again resumes it (and later copies what the source gained since). Anything else is
refused before a single event is written. Only the source up to its head at the start is copied.

Exit status: 0 copied and verified, 1 refused or failed, 130 interrupted (run again to resume).

Example:
  keyledger store copy --from sqlite:./data/events.sqlite --to 'esdb://esdb.internal:2113?tls=false'`;
export const registerStore = (program) => {
    const store = program.command('store').description('event store maintenance');
    store
        .command('copy')
        .description('copy every stream from one event store to another, hash chains intact, then verify them')
        .requiredOption('--from <url>', 'the source event store')
        .requiredOption('--to <url>', 'the target event store (empty, or holding an interrupted copy)')
        .option('--no-progress', 'no progress bar (a bar is drawn only when stderr is a terminal anyway)')
        .addHelpText('after', COPY_HELP)
        .action(async (opts) => {
        process.exitCode = await runCopy(opts.from, opts.to, opts.progress && process.stderr.isTTY);
    });
};
/** Runs one copy and prints its outcome; returns the exit status. */
export const runCopy = (from, to, showProgress, out = process.stdout, err = process.stderr) => runInterruptibly({
    what: 'copy',
    refusals: [CopyRefused, CopyMismatch, UnsupportedStoreUrl],
    progress: showProgress ? progressBar() : undefined,
    run: async (signal, onProgress, opened) => {
        const source = await openEventStoreByUrl(from, { mustExist: true });
        opened.push(source);
        const target = await openEventStoreByUrl(to);
        opened.push(target);
        return summary(await copyEventStore(source, target, { signal, ...(onProgress ? { onProgress } : {}) }));
    },
}, out, err);
export const summary = (r) => [
    `copied ${r.written} events (${r.alreadyPresent} already in the target) of ${r.streams} streams in ${r.seconds.toFixed(2)} s: ${Math.round(r.eventsPerSecond)} events/s`,
    `verified: the last hash of all ${r.verified} streams recomputes and matches in source and target`,
    '',
].join('\n');
const progressBar = () => phasedProgressBar((phase) => ({ label: phase === 'copy' ? 'copy  ' : 'verify', unit: phase === 'copy' ? 'events' : 'streams' }));
