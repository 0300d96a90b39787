import { takeBackup } from "./backup/backup.js";
import { restoreBackup, restoreSummary } from "./backup/restore.js";
import { storeTarget, withStoreOptions } from "./context.js";
// `keyledger backup` and `keyledger restore` (docs/operations.md#backup-and-restore). The work is in
// adapters/cli/backup/; these only parse flags and print.
const err = (line) => void process.stderr.write(`${line}\n`);
export const registerBackup = (program) => {
    withStoreOptions(program.command('backup')
        .description('Copy a data dir, online and consistent, into one archive (.tar.gz) with a SHA-256 manifest; never the root key unless asked.')
        .requiredOption('--out <file>', 'the archive to write (must not exist), e.g. keyledger-2026-01-31.tar.gz')
        .option('--include-root-key', 'also put the root key in the archive (then the file alone decrypts everything: keep it apart)'))
        .action(async (o) => {
        const target = storeTarget(o);
        const r = await takeBackup({ dataDir: target.dataDir, ...(target.store ? { store: target.store } : {}), out: o.out, includeRootKey: o.includeRootKey === true, env: process.env, warn: err });
        const m = r.manifest;
        process.stdout.write([
            `backup written to ${r.out}`,
            `events up to position ${m.eventStore.lastPosition} (${m.eventStore.events} events${m.eventStore.type === 'esdb' ? ', kept in EventStoreDB: back it up with its own procedure' : ''})`,
            `files: ${m.files.map((f) => f.name).join(', ')}`,
            `needs the root key with fingerprint ${m.rootKey.fingerprint}${m.rootKey.included ? ' (included)' : ' (not included: keep the root key safe apart)'}`,
        ].join('\n') + '\n');
    });
    program.command('restore <file>')
        .description('Restore a backup into a new or empty data dir, after checking every hash, the root key and the audit chains.')
        .requiredOption('--data-dir <dir>', 'the data dir to create (new, or empty but for the root.key)')
        .action(async (file, o) => {
        const r = await restoreBackup({ file, dataDir: o.dataDir, env: process.env, warn: err });
        process.stdout.write(`${restoreSummary(r)}\n`);
    });
};
