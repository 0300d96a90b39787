import { Command } from 'commander'
import { registerJobs } from './jobs.ts'
import { registerAccessKeys } from './access-keys.ts'
import { registerServe } from './serve.ts'
import { registerStore } from './store.ts'

// The CLI's root. Each group of subcommands lives in its own file and registers itself here, one line each.

export const buildProgram = (): Command => {
  const program = new Command()
  program
    .name('keyledger')
    .description('An event-sourced key management service compatible with the Alibaba Cloud KMS OpenAPI (2016-01-20).')
    .showHelpAfterError()
  registerServe(program)
  registerJobs(program)
  registerStore(program)
  registerAccessKeys(program)
  return program
}

export const main = async (argv: string[]): Promise<void> => {
  await buildProgram().parseAsync(argv)
}
