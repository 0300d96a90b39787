import { openEventStoreByUrl, UnsupportedStoreUrl } from "../../composition/stores.js";
import { copyVault, VaultCopyMismatch, VaultCopyRefused } from "../vault/copy.js";
import { openWrappedVaultByUrl, UnsupportedVaultUrl } from "../../composition/stores.js";
import { phasedProgressBar } from "./phased-progress.js";
import { runInterruptibly } from "./interruptible.js";
// `keyledger vault …`: key material vault maintenance. `vault copy` moves software keys' wrapped material between
// the SQLite vault file and EventStoreDB, with the events (`store copy`), without ever holding the root key.
const COPY_HELP = `
Vaults:
  ./data/vault.sqlite, sqlite:/var/lib/keyledger/vault.sqlite   the SQLite vault file of a data dir
  esdb://host:2113?tls=false, esdb+discover://host:2113          the vault- streams of an EventStoreDB

Every key's wrapped material (generated and imported versions) and its import fingerprint are copied as they are
stored: wrapped under the root key, which this tool never reads (KMS_ROOT_KEY and root.key are ignored). The AAD of
a row binds key id, version id and kind, not the vault, so the target opens them with the SAME root key: give every
node that serves the target the root key of the source. The source's root key check is copied too, so a node
started on the target with another root key is refused at start.

Not copied: import tokens (GetParametersForImport's wrapping keys; they expire within 24 h: ask for new ones), keys
Deleted in the event store given with --events, and keys destroyed in the target: shredded material never comes
back. Without --events deleted keys are not checked: give it (the events' store, source or target of store copy).

Every key is compared with the target first. A row already in the target, byte for byte, is skipped (running the
same command again resumes an interrupted copy); a different row for the same key version or fingerprint, or a
target with a root key check of its own, refuses the copy before anything is written. At the end every copied
row is read back from the target and compared.

Exit status: 0 copied and verified, 1 refused or failed, 130 interrupted (run again to resume).

Example (moving to a cluster, after store copy, with the service stopped):
  keyledger vault copy --from ./data/vault.sqlite --to 'esdb://esdb.internal:2113?tls=false' \\
    --events 'esdb://esdb.internal:2113?tls=false'`;
export const registerVault = (program) => {
    const vault = program.command('vault').description('key material vault maintenance');
    vault
        .command('copy')
        .description('copy every key\'s wrapped material from one vault to another (SQLite file ⇄ EventStoreDB), as is, then verify it')
        .requiredOption('--from <vault>', 'the source vault: a vault.sqlite path (or sqlite:…) or esdb://…')
        .requiredOption('--to <vault>', 'the target vault (empty, or holding an interrupted copy); a missing file is created')
        .option('--events <store-url>', 'the event store of these keys: keys Deleted there are not copied')
        .option('--no-progress', 'no progress bar (a bar is drawn only when stderr is a terminal anyway)')
        .addHelpText('after', COPY_HELP)
        .action(async (opts) => {
        process.exitCode = await runVaultCopy(opts, opts.progress && process.stderr.isTTY);
    });
};
/** Runs one vault copy and prints its outcome; returns the exit status. */
export const runVaultCopy = (opts, showProgress, out = process.stdout, err = process.stderr) => runInterruptibly({
    what: 'vault copy',
    refusals: [VaultCopyRefused, VaultCopyMismatch, UnsupportedVaultUrl, UnsupportedStoreUrl],
    progress: showProgress ? progressBar() : undefined,
    run: async (signal, onProgress, opened) => {
        const from = openWrappedVaultByUrl(opts.from, { mustExist: true });
        opened.push(from);
        const to = openWrappedVaultByUrl(opts.to);
        opened.push(to);
        const events = opts.events ? await openEventStoreByUrl(opts.events, { mustExist: true }) : undefined;
        if (events)
            opened.push(events);
        return vaultCopySummary(await copyVault(from, to, { ...(events ? { events } : {}), signal, ...(onProgress ? { onProgress } : {}) }));
    },
}, out, err);
const keysText = (n) => `${n} key${n === 1 ? '' : 's'}`;
const ids = (list) => (list.length > 10 ? `${list.slice(0, 10).join(', ')} …` : list.join(', '));
export const vaultCopySummary = (r) => {
    const copied = r.keys - r.deletedInEvents.length - r.destroyedInTarget.length;
    return [
        `copied ${r.written} wrapped rows (${r.alreadyPresent} already in the target) of ${keysText(copied)}; root key check: ${r.rootCheck}`,
        ...(r.deletedInEvents.length > 0 ? [`not copied: ${keysText(r.deletedInEvents.length)} Deleted in the event store (shredded): ${ids(r.deletedInEvents)}`] : []),
        ...(r.destroyedInTarget.length > 0 ? [`not copied: ${keysText(r.destroyedInTarget.length)} destroyed in the target (shredded): ${ids(r.destroyedInTarget)}`] : []),
        ...(r.unknownToEvents.length > 0 ? [`copied, but unknown to the event store: ${keysText(r.unknownToEvents.length)} (material of a key or version never stored): ${ids(r.unknownToEvents)}`] : []),
        ...(r.eventsChecked ? [] : ['deleted keys NOT checked: no --events given']),
        'not copied: import tokens (they expire within 24 h; call GetParametersForImport again)',
        `verified: all ${r.verified} rows of the copied keys are in the target, byte for byte`,
        '',
    ].join('\n');
};
const progressBar = () => phasedProgressBar((phase) => ({ label: phase.padEnd(6), unit: phase === 'plan' ? 'keys' : 'rows' }));
