import cluster from 'node:cluster'
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { openNonceJournal, startApp } from '../../composition/app.ts'
import { buildServeConfig, type ServeOptions } from '../../composition/settings.ts'
import { dataDirLayout } from '../../composition/data-dir.ts'
import { EXIT, OperatorError } from '../operator-error.ts'
import { CliError } from './format.ts'
import { lockDataDir, unwritableDataDir } from '../data-dir/guard.ts'
import type { DataDirLock } from '../data-dir/lock.ts'
import { makeLogger, parseLogFormat, type LogFormat } from '../logging.ts'
import { runPrimary } from '../cluster/primary.ts'
import { WorkerLink } from '../cluster/worker-link.ts'
import { LeasedThrottle } from '../cluster/throttle-lease.ts'

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
  KMS_ROOT_KEY_PASSPHRASE      passphrase of a root.key sealed with one (docs/operations.md "Root key protection");
                               --root-key-passphrase-file FILE (KMS_ROOT_KEY_PASSPHRASE_FILE) reads it from a file.
                               Given at first start, the new root.key is sealed with it
  KMS_ROOT_KEY_PKCS11_PIN      user PIN of the PKCS#11 token whose key seals root.key (auto-unseal at start)
  KMS_TLS_CERT, KMS_TLS_KEY    PEM certificate chain and private key files: serve HTTPS (both or neither; the config
                               file's "tls": {"cert","key"} otherwise). Read again on SIGHUP. Without TLS, a
                               listen address beyond loopback is warned about at start
  KMS_PKCS11_MODULE            PKCS#11 module of hardware instances without modulePath (default SoftHSMv2's)
  KMS_ROTATION_UNIT            TESTS AND DEMOS ONLY: day (default), hour, minute or second; a 7d policy then
                               rotates every 7 of those units
  KMS_WORKERS                  server processes on the data dir (default 1); --workers wins over it. Each worker
                               serves the whole API; replay protection and the quota gate are shared through the
                               primary process, only the first worker runs the scheduler (docs/config.md)
  LOG_LEVEL                    pino level (default info)

The --config file is JSON (see docs/config.md); its values override the environment's, and its accessKeys are
served in addition to the bootstrap key (unless it is turned off). Prints "listening on http://HOST:PORT" when ready; stops on SIGTERM/SIGINT.`


/** A start-up failure as an operator error: its code decides the exit code (docs/operations.md#exit-codes). */
const startFailure = (e: unknown): OperatorError => {
  if (e instanceof OperatorError) return e
  const message = e instanceof Error ? e.message : String(e)
  const m = /^([A-Z][A-Za-z]+\.[A-Za-z]+): ([\s\S]*)$/.exec(message)
  const code = m?.[1] ?? 'Start.Failed'
  const what = m?.[2] ?? message
  const exit = INTEGRITY_CODES.has(code) ? EXIT.integrity
    : code.startsWith('DataDir.') || DATA_DIR_CODES.has(code) ? EXIT.dataDir
      : USAGE_CODES.has(code) ? EXIT.usage : EXIT.failure
  return new OperatorError(code, what, m ? '' : 'Fix what it names and start again; docs/operations.md lists the start-up checks', exit)
}

const INTEGRITY_CODES = new Set(['Config.WrongRootKey', 'Config.WrongRootKeyPassphrase', 'DataDir.MissingMaterial', 'DataDir.UnreadableEvents'])
/** The root key's file, or the token that seals it, is missing or unfit. */
const DATA_DIR_CODES = new Set(['Config.InsecureRootKeyFile', 'Config.RootKeyTokenMissing', 'Config.RootKeyTokenKeyMissing'])
/** The environment lacks a secret the start needs (a passphrase, a PIN). */
const USAGE_CODES = new Set(['Config.RootKeyPassphraseRequired', 'Config.RootKeyTokenLogin'])

/** `--workers` or KMS_WORKERS: a whole number from 1 to 64 (1: no cluster, the default). */
export const workerCount = (flag: string | undefined, env: NodeJS.ProcessEnv): E.Either<string, number> => {
  const text = flag ?? env['KMS_WORKERS'] ?? '1'
  const n = Number(text)
  return /^\d+$/.test(text) && n >= 1 && n <= 64 ? E.right(n) : E.left(`${flag !== undefined ? '--workers' : 'KMS_WORKERS'} must be a whole number from 1 to 64, not "${text}"`)
}

export const registerServe = (program: Command): void => {
  program
    .command('serve')
    .description('Serve the KMS API (Alibaba Cloud KMS OpenAPI 2016-01-20) over HTTP.')
    .option('--config <file>', 'JSON configuration file (docs/config.md)')
    .option('--listen <host:port>', 'address to listen on (overrides KMS_LISTEN and the file)')
    .option('--data-dir <dir>', 'data directory (overrides KMS_DATA_DIR and the file)')
    .option('--allow-missing-material', 'start even when live key versions have no material in the vault (they answer errors)')
    .option('--log-format <format>', 'pretty or json (default: pretty on a terminal, json otherwise)')
    .option('--workers <n>', 'server processes sharing the data dir and the port (overrides KMS_WORKERS; default 1)')
    .addHelpText('after', HELP)
    .action(async (opts: ServeOptions & { allowMissingMaterial?: boolean; logFormat?: string; readonly workers?: string }) => {
      let format: LogFormat | undefined
      try {
        format = parseLogFormat(opts.logFormat)
      } catch (e) {
        throw new CliError((e as Error).message)
      }
      const logger = makeLogger({ ...(format ? { format } : {}), level: process.env['LOG_LEVEL'] ?? 'info' })
      const workers = workerCount(opts.workers, process.env)
      if (E.isLeft(workers)) throw new CliError(workers.left)
      const worker = cluster.isWorker ? Number(process.env['KMS_WORKER_INDEX'] ?? 1) : 0
      const warn = (line: string) => void process.stderr.write(`${line}\n`)
      let lock: DataDirLock | undefined
      let built: ReturnType<typeof buildServeConfig>
      try {
        // One writer per data dir: the lock is the single server's, or the primary's for all its workers.
        built = buildServeConfig(opts, process.env, (dir) => { if (worker === 0) lock = lockDataDir(dir, 'serve', warn) })
      } catch (e) {
        lock?.release()
        throw unwritableDataDir(e)
      }
      if (E.isLeft(built)) {
        lock?.release()
        throw new OperatorError('Config.Invalid', built.left, 'Fix the --config file or the environment (docs/config.md)', EXIT.usage)
      }
      const { config: built0, notes } = built.right
      if (worker === 0) for (const n of notes) process.stderr.write(`${n}\n`)
      if (workers.right > 1 && worker === 0) {
        if (built0.store.type === 'memory') {
          lock?.release()
          throw new CliError('--workers needs a shared store (sqlite or esdb), not memory')
        }
        // The primary keeps the nonce journal with its replay cache (adapters/cluster/primary.ts).
        let journal: ReturnType<typeof openNonceJournal>
        try {
          journal = openNonceJournal(built0.dataDir, logger)
        } catch (e) {
          // An unreadable or newer nonces.sqlite is the operator's to fix, as in a single server's start.
          lock?.release()
          throw startFailure(e)
        }
        process.once('exit', () => {
          journal.close()
          lock?.release()
        })
        const primary = runPrimary({
          journal,
          ...(built0.store.type === 'sqlite' ? { eventsPath: built0.store.path ?? dataDirLayout(built0.dataDir).events } : {}),
          workers: workers.right, logger: logger.child({ component: 'primary' }),
          ...(built0.auth?.timestampWindowSeconds !== undefined ? { windowSeconds: built0.auth.timestampWindowSeconds } : {}),
          ...(built0.auth?.maxNonces !== undefined ? { maxNonces: built0.auth.maxNonces } : {}),
          ...(built0.auth?.maxNoncesPerKey !== undefined ? { maxNoncesPerKey: built0.auth.maxNoncesPerKey } : {}),
          ...(built0.throttling ? { throttling: built0.throttling } : {}),
          onListening: (url) => process.stdout.write(`listening on ${url} (${workers.right} workers)\n`),
        })
        process.once('SIGTERM', () => primary.stop('SIGTERM'))
        process.once('SIGINT', () => primary.stop('SIGINT'))
        return
      }
      // Only the first worker runs the scheduler: its jobs are safe to run twice, but once is enough.
      const config = worker > 1 ? { ...built0, scheduler: { ...built0.scheduler, enabled: false } } : built0
      if (config.store.type === 'memory') logger.warn('events are kept in memory only: they are lost when the server stops')
      const link = worker > 0 ? new WorkerLink() : undefined
      if (link) process.on('message', (m) => void link.receive(m))
      let app: Awaited<ReturnType<typeof startApp>>
      try {
        app = await startApp(config, {
          logger: worker > 0 ? logger.child({ worker }) : logger,
          ...(opts.allowMissingMaterial ? { allowMissingMaterial: true } : {}),
          ...(link ? {
            cluster: {
              nonces: link, withPoolLock: (pool, run) => link.withPoolLock(pool, run), writer: link.writer,
              throttle: new LeasedThrottle((accountId, group) => link.lease(accountId, group)),
            },
          } : {}),
        })
      } catch (e) {
        // A start-up failure (root key, vault, token, port) is the operator's to fix: one clear line, no stack.
        lock?.release()
        throw startFailure(e)
      }
      let stopping = false
      const stop = (signal: string) => {
        if (stopping) return
        stopping = true
        logger.info({ signal }, 'stopping')
        app.close().then(() => {
          lock?.release()
          process.exit(0)
        }, (e: unknown) => {
          lock?.release()
          logger.error({ code: 'Stop.Failed', err: e instanceof Error ? e.message : String(e) }, 'Stop.Failed: stopping failed; the data is safe (every answer was durable), check the data dir with keyledger audit verify')
          process.exit(1)
        })
      }
      // SIGHUP: a renewed TLS certificate and key take effect for new connections (docs/config.md "TLS").
      process.on('SIGHUP', () => {
        const r = app.reloadTls()
        if (E.isLeft(r)) logger.error({ err: r.left }, 'TLS reload failed: the previous certificate stays in use')
        else logger.info({ tls: r.right }, r.right === 'reloaded' ? 'TLS certificate reloaded' : 'SIGHUP: no TLS configured, nothing to reload')
      })
      process.once('SIGTERM', () => stop('SIGTERM'))
      process.once('SIGINT', () => stop('SIGINT'))
      if (link) {
        process.once('disconnect', () => stop('primary gone'))
        return link.listening(app.api.url)
      }
      // Printed last, once the store, vault, views and scheduler are ready: whoever waits for it may call at once.
      process.stdout.write(`listening on ${app.api.url}\n`)
    })
}
