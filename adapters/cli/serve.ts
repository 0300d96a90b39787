import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import pino from 'pino'
import { startApp } from '../../composition/app.ts'
import { buildServeConfig, type ServeOptions } from '../../composition/settings.ts'

export { buildServeConfig }

// `keyledger serve`: the API on an embedded default (docs/architecture.md §9), or as a --config file describes (docs/config.md).

const HELP = `
Environment:
  KMS_DATA_DIR                 data directory (default ./data)
  KMS_LISTEN                   HOST:PORT to listen on (default 127.0.0.1:8080)
  KMS_ACCOUNT_ID               account id of the bootstrap principal (default: made once, kept in the data dir)
  KMS_REGION                   region served (default cn-hangzhou)
  KMS_ROOT_ACCESS_KEY_ID       bootstrap access key id    } both or neither; without them a key is made once
  KMS_ROOT_ACCESS_KEY_SECRET   bootstrap access key secret} and kept in <data dir>/bootstrap-access-key.json (0600;
                               a file readable by group or others stops the start). It is made before the
                               root key and vault are checked: a start that fails there leaves it, and the
                               next start serves the same key
  KMS_BOOTSTRAP_ACCESS_KEY     off (or false, 0, no) serves no bootstrap key, like "bootstrapAccessKey": false
  KMS_EVENT_STORE              event store: sqlite:/path/events.sqlite (default <data dir>/events.sqlite) or
                               esdb://host:2113?tls=false / esdb+discover://… for EventStoreDB (docs/esdb.md);
                               the config file's "store" wins over it
  KMS_ROOT_KEY                 root key, Base64 of 32 bytes (default: made once in <data dir>/root.key, 0600); wraps
                               the vault's key material and the access keys made with \`keyledger access-keys\`.
                               REQUIRED on EventStoreDB: the vault is shared, every node needs the same key
  KMS_PKCS11_MODULE            PKCS#11 module of hardware instances without modulePath (default SoftHSMv2's)
  KMS_ROTATION_UNIT            TESTS AND DEMOS ONLY: day (default), hour, minute or second; a 7d policy then
                               rotates every 7 of those units
  LOG_LEVEL                    pino level (default info)

The --config file is JSON (see docs/config.md); its values override the environment's, and its accessKeys are
served in addition to the bootstrap key (unless it is turned off). Prints "listening on http://HOST:PORT" when ready; stops on SIGTERM/SIGINT.`


export const registerServe = (program: Command): void => {
  program
    .command('serve')
    .description('Serve the KMS API (Alibaba Cloud KMS OpenAPI 2016-01-20) over HTTP.')
    .option('--config <file>', 'JSON configuration file (docs/config.md)')
    .option('--listen <host:port>', 'address to listen on (overrides KMS_LISTEN and the file)')
    .option('--data-dir <dir>', 'data directory (overrides KMS_DATA_DIR and the file)')
    .addHelpText('after', HELP)
    .action(async (opts: ServeOptions) => {
      const logger = pino({ name: 'keyledger', level: process.env['LOG_LEVEL'] ?? 'info' })
      const built = buildServeConfig(opts, process.env)
      if (E.isLeft(built)) {
        process.stderr.write(`keyledger serve: ${built.left}\n`)
        process.exitCode = 2
        return
      }
      const { config, notes } = built.right
      for (const n of notes) process.stderr.write(`${n}\n`)
      if (config.store.type === 'memory') logger.warn('events are kept in memory only: they are lost when the server stops')
      let app: Awaited<ReturnType<typeof startApp>>
      try {
        app = await startApp(config, { logger })
      } catch (e) {
        // A start-up failure (root key, vault, token, port) is the operator's to fix: one clear line, no stack.
        process.stderr.write(`keyledger serve: ${e instanceof Error ? e.message : String(e)}\n`)
        process.exitCode = 1
        return
      }
      let stopping = false
      const stop = (signal: string) => {
        if (stopping) return
        stopping = true
        logger.info({ signal }, 'stopping')
        // eslint-disable-next-line @typescript-eslint/use-unknown-in-catch-callback-variable -- the handler only logs it
        app.close().then(() => process.exit(0), (e) => {
          logger.error({ err: e instanceof Error ? e.message : String(e) }, 'stopping failed')
          process.exit(1)
        })
      }
      process.once('SIGTERM', () => stop('SIGTERM'))
      process.once('SIGINT', () => stop('SIGINT'))
      // Printed last: whoever waits for this line may signal the process at once.
      process.stdout.write(`listening on ${app.api.url}\n`)
    })
}
