import { createHash } from 'node:crypto'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { Logger } from 'pino'
import type { Server as TlsServer } from 'node:tls'
import type { EventStore } from '../domain/ports/event-store.ts'
import type { AppConfig } from './config.ts'
import { servedActions, type ApiServices } from '../adapters/http/actions/index.ts'
import { DataDirAccessKeys } from '../adapters/access-keys/data-dir-keys.ts'
import { accessKeyFromConfig, ChainedAccessKeyStore, InMemoryAccessKeyStore } from '../adapters/http/auth/access-key-store.ts'
import { RequestVerifier } from '../adapters/http/auth/verifier.ts'
import { createApiServer, listen, type ListeningApi } from '../adapters/http/server.ts'
import { isLoopback, loadTlsFiles, tlsPathsOf } from '../adapters/http/tls-files.ts'
import { NONCE_FILE, SqliteNonceJournal, type NonceJournal } from '../adapters/http/auth/nonce-journal.ts'
import type { CryptoStack } from './crypto-stack.ts'
import type { RunningScheduler } from './scheduler.ts'
import type { RunningReadModels } from '../adapters/readstore/read-models.ts'
import { openEngine, type AppOverrides } from './engine.ts'
import { Throttle } from '../adapters/http/throttle.ts'
import { rootKeyFileProtection } from '../adapters/root-key.ts'
import { dataDirLayout } from './data-dir.ts'
import { dataDirWritable } from '../adapters/http/storage-fault.ts'
import { EsdbEventStore } from '../adapters/store/esdb/index.ts'
import { EsdbNonceRecord } from '../adapters/store/esdb/nonce-record.ts'

export { deploymentOf, type AppOverrides } from './engine.ts'

// The composition root (docs/architecture.md §9): the one place where ports meet adapters, from a decoded configuration.

export interface App {
  readonly api: ListeningApi
  readonly store: EventStore
  readonly services: ApiServices
  readonly logger: Logger
  readonly crypto: CryptoStack
  /** The read store and its runner (`<dataDir>/readstore.sqlite`). */
  readonly readModels: RunningReadModels
  /** Undefined when the configuration turns the scheduler off. */
  readonly scheduler: RunningScheduler | undefined
  /** Reads the TLS certificate and key again (SIGHUP); Left with the reason when they do not load (the old pair stays). */
  reloadTls(): E.Either<string, 'reloaded' | 'no-tls'>
  /** Stops in order: the API (in-flight calls finish and are audited), the scheduler, the read models, the executors, the store. */
  close(): Promise<void>
}

/** A stable id for the software instance `serve` offers by default, so keys keep pointing at it across restarts. */
export const defaultInstanceId = (accountId: string, region: string): string =>
  `kst-${createHash('sha256').update(`${accountId}.${region}`).digest('hex').slice(0, 20)}`

export const parseListen = (listen: string): { host: string; port: number } => {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen)
  const port = m ? Number(m[3]) : NaN
  if (!m || port > 65535) throw new Error(`listen address "${listen}" is not HOST:PORT`)
  return { host: m[1] ?? m[2]!, port }
}

/** The data dir's nonce journal, its storage faults logged (the single server's, or the primary's for its workers). */
export const openNonceJournal = (dataDir: string, logger: Logger): NonceJournal =>
  SqliteNonceJournal.open(dataDir, (fault) => {
    if (fault) logger.error({ code: 'ServiceUnavailableTemporary', file: join(dataDir, NONCE_FILE), err: fault instanceof Error ? fault.message : JSON.stringify(fault) }, 'the nonce journal cannot be written (full, read-only or failing disk): replays are refused from memory until it can; writes answer 503, reads go on')
    else logger.info({ file: join(dataDir, NONCE_FILE) }, 'the nonce journal is written again')
  })

export const startApp = async (config: AppConfig, o: AppOverrides = {}): Promise<App> => {
  const engine = await openEngine(config, o)
  const { store, services, logger, clock, env, crypto, readModels, scheduler } = engine
  // Access keys: the configuration's first, then those made with `keyledger access-keys` (adapters/cli/access-keys.ts).
  const storedKeys = new DataDirAccessKeys(config.dataDir, env)
  let nonceJournal: NonceJournal | undefined
  const stopAll = async () => {
    storedKeys.close()
    nonceJournal?.close()
    await engine.stop()
  }
  try {
    // A worker of `serve --workers` has none: the primary writes it with its replay cache (adapters/cluster).
    if (config.store.type !== 'memory' && !o.cluster) nonceJournal = openNonceJournal(config.dataDir, logger)
    // Nodes on one EventStoreDB share a record of accepted nonces (issue 13 item 2, docs/architecture.md "Replay
    // across nodes"): one more round trip a request, on EventStoreDB only.
    const keepSeconds = (config.auth?.timestampWindowSeconds ?? 900) + (config.auth?.timestampAheadSeconds ?? 300)
    const sharedNonces = store instanceof EsdbEventStore
      ? new EsdbNonceRecord(store.client, store.backoff, keepSeconds, (stream, err) =>
        logger.warn({ stream, err: err instanceof Error ? err.message : String(err) }, 'the nonce record\'s $maxAge could not be set: the claim holds, but a scavenge will not drop it'))
      : undefined
    const verifier = new RequestVerifier({
      keys: new ChainedAccessKeyStore([
        new InMemoryAccessKeyStore(config.accessKeys.map((k) => accessKeyFromConfig(k, config.accountId))),
        storedKeys,
      ]),
      clock,
      ...(o.cluster ? { nonces: o.cluster.nonces } : {}),
      ...(config.auth?.timestampWindowSeconds !== undefined ? { windowSeconds: config.auth.timestampWindowSeconds } : {}),
      ...(config.auth?.timestampAheadSeconds !== undefined ? { aheadSeconds: config.auth.timestampAheadSeconds } : {}),
      ...(config.auth?.maxNonces !== undefined ? { maxNonces: config.auth.maxNonces } : {}),
      ...(config.auth?.maxNoncesPerKey !== undefined ? { maxNoncesPerKey: config.auth.maxNoncesPerKey } : {}),
      // Events in memory die with the process, and with them anything a replay could repeat; every durable
      // store gets a durable nonce journal (issue 13, item 2).
      ...(nonceJournal ? { journal: nonceJournal } : {}),
      ...(sharedNonces ? { sharedNonces } : {}),
      ...(config.auth?.hosts ? { hosts: config.auth.hosts } : {}),
    })
    const tlsPaths = tlsPathsOf(env, config.tls)
    const tls = tlsPaths ? loadTlsFiles(tlsPaths) : undefined
    const server = createApiServer({
      services, actions: { ...servedActions(), ...o.actions }, verifier, clock, logger, metricsRegistry: engine.metrics.registry,
      throttle: o.cluster?.throttle ?? new Throttle(config.throttling ?? {}),
      ...config.http,
      ...(tls ? { tls } : {}),
      readiness: {
        store: async () => (await store.headPosition(), 'ok'),
        views: async () => ((await readModels.catchUp()) === 'reached' ? 'ok' : 'behind'),
        // startApp opens the crypto stack (root key, vault, tokens) before it listens: serving means unsealed.
        vault: async () => 'ok',
        // A data dir that refuses writes (issue 13 item 10): reads go on, but a node that cannot record calls is
        // not ready for crypto, so a load balancer should send them elsewhere.
        ...(config.store.type !== 'memory' ? { storage: async () => dataDirWritable(config.dataDir) } : {}),
      },
    })
    const { host, port } = parseListen(config.listen)
    const api = await listen(server, host, port)
    if (!tls && !isLoopback(host))
      logger.warn({ listen: config.listen }, 'listening beyond loopback without TLS: access key ids, request parameters and plaintexts cross the network in clear; set KMS_TLS_CERT and KMS_TLS_KEY (docs/config.md "TLS")')
    // Issue 13 item 1: a plain root.key beside vault.sqlite means a copy of the data dir decrypts everything.
    if (!isLoopback(host) && config.store.type !== 'memory' && !env['KMS_ROOT_KEY'] && rootKeyFileProtection(dataDirLayout(config.dataDir).rootKey) === 'file')
      logger.warn({ listen: config.listen, rootKey: dataDirLayout(config.dataDir).rootKey },
        'Config.UnprotectedRootKey: listening beyond loopback with an unprotected root key file in the data dir: a copy of the data dir decrypts every key; seal it with keyledger root-key rewrap --to passphrase|pkcs11 (docs/operations.md "Root key protection")')
    const reloadTls = (): E.Either<string, 'reloaded' | 'no-tls'> => {
      if (!tlsPaths) return E.right('no-tls')
      try {
        ;(server as unknown as TlsServer).setSecureContext(loadTlsFiles(tlsPaths))
        return E.right('reloaded')
      } catch (e) {
        return E.left(e instanceof Error ? e.message : String(e))
      }
    }
    let closing: Promise<void> | undefined
    return {
      api, store, services, logger, crypto, scheduler, readModels, reloadTls,
      close: () => (closing ??= (async () => {
        await api.close()
        await stopAll()
      })()),
    }
  } catch (e) {
    await stopAll()
    throw e
  }
}
