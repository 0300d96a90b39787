import type { Command } from 'commander'
import { takeBackup } from './backup/backup.ts'
import { restoreBackup, restoreSummary } from './backup/restore.ts'
import { storeTarget, withStoreOptions, type StoreOptions } from './context.ts'

// `keyledger backup` and `keyledger restore` (docs/operations.md#backup-and-restore). The work is in
// adapters/cli/backup/; these only parse flags and print.

const err = (line: string) => void process.stderr.write(`${line}\n`)

export const registerBackup = (program: Command): void => {
  withStoreOptions(program.command('backup')
    .description('Copy a data dir, online and consistent, into one archive (.tar.gz) with a SHA-256 manifest; never the root key unless asked.')
    .requiredOption('--out <file>', 'the archive to write (must not exist), e.g. keyledger-2026-01-31.tar.gz')
    .option('--include-root-key', 'also put the root key in the archive (then the file alone decrypts everything: keep it apart)'))
    .action(async (o: StoreOptions & { out: string; includeRootKey?: boolean }) => {
      const target = storeTarget(o)
      const r = await takeBackup({ dataDir: target.dataDir, ...(target.store ? { store: target.store } : {}), out: o.out, includeRootKey: o.includeRootKey === true, env: process.env, warn: err })
      const m = r.manifest
      process.stdout.write([
        `backup written to ${r.out}`,
        `events up to position ${m.eventStore.lastPosition} (${m.eventStore.events} events${m.eventStore.type === 'esdb' ? ', kept in EventStoreDB: back it up with its own procedure' : ''})`,
        `files: ${m.files.map((f) => f.name).join(', ')}`,
        `needs the root key with fingerprint ${m.rootKey.fingerprint}${m.rootKey.included ? ' (included)' : ' (not included: keep the root key safe apart)'}`,
      ].join('\n') + '\n')
    })

  program.command('restore <file>')
    .description('Restore a backup into a new or empty data dir, after checking every hash, the root key and the audit chains.')
    .requiredOption('--data-dir <dir>', 'the data dir to create (new, or empty but for the root.key)')
    .option('--config <file>', 'the restored server\'s JSON configuration: with an EventStoreDB store, the store is checked to reach the backup\'s position')
    .action(async (file: string, o: { dataDir: string; config?: string }) => {
      const store = o.config ? storeTarget({ config: o.config, dataDir: o.dataDir }).store : undefined
      const r = await restoreBackup({ file, dataDir: o.dataDir, env: process.env, warn: err, ...(store ? { store } : {}) })
      process.stdout.write(`${restoreSummary(r)}\n`)
    })
}
