import { resolve } from 'node:path'
import { Command, CommanderError } from 'commander'
import { registerAccessKeys } from './access-keys.ts'
import { registerAudit } from './audit.ts'
import { registerBackup } from './backup.ts'
import { registerUpgrade } from './upgrade.ts'
import type { CliContext } from './context.ts'
import { CliError } from './format.ts'
import { EXIT, OperatorError } from '../operator-error.ts'
import { registerProjections } from './projections.ts'
import { registerJobs } from './jobs.ts'
import { registerInstances } from './instances.ts'
import { registerReport } from './report.ts'
import { registerRootKey } from './root-key.ts'
import { registerServe } from './serve.ts'
import { registerStore } from './store.ts'
import { registerVault } from './vault.ts'
import { openDataDirEventStore } from '../../composition/event-store.ts'

// The commander root: each command group registers itself from its own file, one line here each.

export const buildProgram = (ctx: CliContext): Command => {
  const program = new Command('keyledger')
    .description('An event-sourced key management service compatible with the Alibaba Cloud KMS OpenAPI (2016-01-20).')
    .exitOverride()
  // A usage error is one line and a pointer to --help (the whole help text would scroll the error away).
  program.configureOutput({
    writeOut: (s) => ctx.out(s.trimEnd()), writeErr: (s) => ctx.err(s.trimEnd()),
    outputError: (s, write) => write(`keyledger: ${s.trim().replace(/^error: /, '')} (see --help)`),
  })
  registerServe(program)
  registerAccessKeys(program)
  registerJobs(program)
  registerInstances(program)
  registerStore(program)
  registerVault(program)
  registerAudit(program, ctx)
  registerReport(program, ctx)
  registerProjections(program, ctx)
  registerBackup(program)
  registerUpgrade(program)
  registerRootKey(program)
  // A sealed root.key's passphrase, for every command that opens it: read from a file, never given as a value.
  program.option('--root-key-passphrase-file <file>', 'file holding the passphrase of a root.key sealed with one (KMS_ROOT_KEY_PASSPHRASE_FILE)')
  program.hook('preAction', () => {
    const file = program.opts<{ rootKeyPassphraseFile?: string }>().rootKeyPassphraseFile
    if (file !== undefined) process.env['KMS_ROOT_KEY_PASSPHRASE_FILE'] = resolve(file)
  })
  return program
}

/** Runs one command line (without `node` and the script); returns the exit code. */
export const runCli = async (argv: readonly string[], ctx: CliContext): Promise<number> => {
  process.exitCode = 0
  try {
    await buildProgram(ctx).parseAsync([...argv], { from: 'user' })
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion, @typescript-eslint/no-unnecessary-condition -- exitCode is undefined (or a string) until set, whatever @types/node says
    return Number(process.exitCode ?? 0)
  } catch (err) {
    if (err instanceof CommanderError)
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? EXIT.ok : EXIT.usage
    if (err instanceof CliError) {
      ctx.err(`keyledger: ${err.message} (see --help)`)
      return EXIT.usage
    }
    if (err instanceof OperatorError) {
      ctx.err(`keyledger: ${err.message}`)
      return err.exitCode
    }
    const message = err instanceof Error ? err.message : String(err)
    ctx.err(`keyledger: ${message}`)
    // A database of a newer keyledger (or another program) is the data dir's problem, whoever found it.
    return /^DataDir\.[A-Za-z]+: /.test(message) ? EXIT.dataDir : EXIT.failure
  }
}

export const defaultCliContext = (): CliContext => ({
  openEventStore: openDataDirEventStore,
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  now: () => new Date(),
  progress: process.stderr.isTTY,
})

export const main = async (argv: readonly string[] = process.argv.slice(2)): Promise<void> => {
  process.exitCode = await runCli(argv, defaultCliContext())
}
