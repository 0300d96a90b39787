import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import pino, { type Logger } from 'pino'
import type { Clock } from '../domain/ports/clock.ts'
import { systemClock } from '../adapters/clock.ts'
import type { EventStore } from '../domain/ports/event-store.ts'
import type { IdGenerator } from '../domain/ports/ids.ts'
import { KeyService, type KeyMaterialLifecycle } from '../application/key-service.ts'
import type { AppConfig } from './config.ts'
import { servedActions, type ActionTable, type ApiServices, type Deployment, type KmsInstance } from '../adapters/http/actions/index.ts'
import { DataDirAccessKeys } from '../adapters/access-keys/data-dir-keys.ts'
import { accessKeyFromConfig, ChainedAccessKeyStore, InMemoryAccessKeyStore } from '../adapters/http/auth/access-key-store.ts'
import { AccessControl } from '../application/access/access-control.ts'
import { QuotaGate } from '../application/access/quota-gate.ts'
import { RequestVerifier, type NonceRegistry } from '../adapters/http/auth/verifier.ts'
import type { Server as TlsServer } from 'node:tls'
import { createApiServer, listen, type ListeningApi } from '../adapters/http/server.ts'
import { isLoopback, loadTlsFiles, tlsPathsOf } from '../adapters/http/tls-files.ts'
import { SqliteNonceJournal, type NonceJournal } from '../adapters/http/auth/nonce-journal.ts'
import { randomIds } from '../adapters/ids.ts'
import { openEventStore } from './event-store.ts'
import { openCryptoStack, type CryptoStack, type VaultChoice } from './crypto-stack.ts'
import { EsdbEventStore } from '../adapters/store/esdb/index.ts'
import { Throttle } from '../adapters/http/throttle.ts'
import { startScheduler, type RunningScheduler } from './scheduler.ts'
import { dataDirLayout } from './data-dir.ts'
import { rootKeyFileProtection } from '../adapters/root-key.ts'
import { PositionTrackingStore } from '../adapters/readstore/position-tracking-store.ts'
import { openReadModels, type RunningReadModels } from '../adapters/readstore/read-models.ts'
import { AuditLog } from '../adapters/audit/audit-log.ts'
import { witnessOf } from '../adapters/audit/witness.ts'
import { checkVaultAtStart } from './startup-check.ts'
import { parsePrincipal, serviceRoleArn, type RamIdentityPolicies } from '../domain/policy/index.ts'

// The composition root (docs/architecture.md §9): the one place where ports meet adapters, from a decoded configuration.

export interface AppOverrides {
  readonly clock?: Clock
  readonly ids?: IdGenerator
  readonly logger?: Logger
  /** An already open store (specs); otherwise the configuration's `store` is opened. */
  readonly store?: EventStore
  /** How long a command's answer waits for the read models (default 2000 ms; docs/architecture.md §6 read-your-writes). */
  readonly readWaitMs?: number
  /** S-10: when call recording began, for a store that began without it (default: the store's first event). */
  readonly usageTrackingSince?: string
  /** Replaces the crypto router as the key service's material hook (specs of the lifecycle alone). */
  readonly material?: KeyMaterialLifecycle
  /** Extra action tables, merged over the lifecycle and crypto actions. */
  readonly actions?: ActionTable
  /** Start even when live key versions have no material in the vault (`serve --allow-missing-material`). */
  readonly allowMissingMaterial?: boolean
  /** Where KMS_ROOT_KEY (vault and stored access keys), PIN variables and KMS_PKCS11_MODULE are read; process.env by default. */
  readonly env?: NodeJS.ProcessEnv
  /** A worker of `serve --workers`: the replay cache and the quota gate's turn are the primary's (adapters/cluster). */
  readonly cluster?: {
    readonly nonces: NonceRegistry
    readonly withPoolLock: <T>(pool: string, run: () => Promise<T>) => Promise<T>
  }
}

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

/**
 * S-1.1: a cloud service's role is granted kms:* on its account's keys by that account (as a service-linked role
 * comes with its policy); which keys it may really use is then each key's policy (S-5.3 needs both sides).
 */
const serviceGrants = (c: AppConfig): RamIdentityPolicies =>
  (c.accounts ?? []).flatMap((a) => (a.services ?? []).map((n) => ({
    principal: parsePrincipal(serviceRoleArn(a.accountId, n))!,
    policies: [{ Version: '1' as const, Statement: [{ Sid: 'ServiceLinkedRole', Effect: 'Allow' as const, Action: ['kms:*'], Resource: [`acs:kms:*:${a.accountId}:key/*`] }] }],
  })))

export const deploymentOf = (c: AppConfig): Deployment => {
  const instances: KmsInstance[] = c.instances.map((i) => ({
    instanceId: i.instanceId, accountId: i.accountId ?? c.accountId, kind: i.kind,
    ...(i.sharedWith ? { sharedWith: i.sharedWith } : {}),
    ...(i.accessManagementQuota !== undefined ? { accessManagementQuota: i.accessManagementQuota } : {}),
  }))
  const defaults = new Map(c.instances.filter((i) => i.default).map((i) => [i.accountId ?? c.accountId, i.instanceId]))
  const services = new Map((c.accounts ?? []).flatMap((a) => (a.services ?? []).map((n) => [serviceRoleArn(a.accountId, n), n] as const)))
  return {
    region: c.region,
    hostId: c.hostId ?? `kms.${c.region}.aliyuncs.com`,
    ...(c.scheduler?.rotationUnit ? { rotationUnit: c.scheduler.rotationUnit } : {}),
    instances,
    defaultInstanceOf: (accountId) => defaults.get(accountId),
    serviceOf: (principal) => services.get(principal),
  }
}

export const parseListen = (listen: string): { host: string; port: number } => {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen)
  const port = m ? Number(m[3]) : NaN
  if (!m || port > 65535) throw new Error(`listen address "${listen}" is not HOST:PORT`)
  return { host: m[1] ?? m[2]!, port }
}

/**
 * Store and vault selection (docs/architecture.md §5, §8; docs/esdb.md): on EventStoreDB the vault is the database's `vault-`
 * streams, shared by every node (unless the config says `vault: {"type":"sqlite"}`, for a single node); on SQLite
 * it is the data dir's file; with the memory store it lives in memory.
 */
const vaultChoice = (config: AppConfig, store: EventStore): VaultChoice => {
  if (config.store.type === 'memory') return { kind: 'memory' }
  const wanted = config.vault?.type ?? (config.store.type === 'esdb' ? 'esdb' : 'sqlite')
  if (wanted === 'sqlite') return { kind: 'sqlite' }
  if (!(store instanceof EsdbEventStore)) throw new Error('Config.InvalidVault: vault {"type":"esdb"} needs the event store to be EventStoreDB')
  return { kind: 'esdb', client: store.client, backoff: store.backoff }
}

export const startApp = async (config: AppConfig, o: AppOverrides = {}): Promise<App> => {
  const logger = o.logger ?? pino({ name: 'keyledger' })
  const clock = o.clock ?? systemClock
  const ids = o.ids ?? randomIds
  const env = o.env ?? process.env
  const store = o.store ?? (await openEventStore(config.store, config.dataDir))
  const deployment = deploymentOf(config)
  const closeStore = async () => {
    if (!o.store) await store.close()
  }
  let crypto: CryptoStack
  try {
    crypto = await openCryptoStack({
      instances: config.instances, region: config.region, dataDir: config.dataDir, vault: vaultChoice(config, store), env, store, ids,
      onDestroyFailure: (keyId, e) => logger.error({ keyId, code: e.code, message: e.message }, `${e.code}: key material of ${keyId} could not be destroyed after the key was deleted. The shredDeletedMaterial job retries it; keyledger jobs status shows when`),
      note: (msg) => logger.info(msg),
      onLateAuditFailure: (msg) => logger.error(msg),
      foreignDenials: { now: () => clock.now() },
    })
  } catch (e) {
    await closeStore()
    throw e
  }
  if (config.store.type !== 'memory') {
    try {
      await checkVaultAtStart(store, crypto, config.dataDir, o.allowMissingMaterial === true, (m) => logger.warn(m))
    } catch (e) {
      await crypto.close()
      await closeStore()
      throw e
    }
  }
  const material = o.material ?? crypto.router
  // Read models (docs/architecture.md §6): their own SQLite file next to the events, in memory when the events are.
  const tracking = new PositionTrackingStore(store)
  let readModels: RunningReadModels
  try {
    readModels = await openReadModels({
      store, tracking, logger: logger.child({ component: 'read-models' }),
      path: config.store.type === 'memory' ? ':memory:' : dataDirLayout(config.dataDir).readStore,
      ...(o.readWaitMs !== undefined ? { waitMs: o.readWaitMs } : {}),
      ...(o.usageTrackingSince ? { usageTrackingSince: o.usageTrackingSince } : {}),
    })
  } catch (e) {
    await crypto.close()
    await closeStore()
    throw e
  }
  logger.info('read models ready')
  // Commands go through the tracking store, so the API can wait for the views to reach what they wrote.
  const keys = new KeyService(tracking, ids, material)
  // The verifiable log (docs/verifiable-log.md): checkpoints by the scheduler, proofs by the API.
  const auditLog = new AuditLog({ store, dataDir: config.dataDir, env, witnesses: (config.audit?.witnesses ?? []).map(witnessOf) })
  const services: ApiServices = {
    keys,
    crypto: crypto.service(keys),
    readModels,
    store,
    ids,
    deployment,
    // Authorization (docs/architecture.md §7): identity policies and sharing from the config, denials onto keyusage streams.
    access: new AccessControl({
      identityPolicies: [...(config.identityPolicies ?? []), ...serviceGrants(config)], instances: deployment.instances, region: deployment.region,
      usage: crypto.usage,
    }),
    auditLog,
    quota: new QuotaGate({ history: (pool) => readModels.policies.history(pool), catchUp: () => readModels.catchUp() }, deployment.instances,
      o.cluster ? (pool, run) => o.cluster!.withPoolLock(pool, run) : undefined),
  }
  // Access keys: the configuration's first, then those made with `keyledger access-keys` (adapters/cli/access-keys.ts).
  const storedKeys = new DataDirAccessKeys(config.dataDir, env)
  let nonceJournal: NonceJournal | undefined
  let scheduler: RunningScheduler | undefined
  const stopAll = async () => {
    await scheduler?.stop()
    await readModels.close()
    auditLog.close()
    storedKeys.close()
    nonceJournal?.close()
    await crypto.close()
    await closeStore()
  }
  try {
    if (config.scheduler?.enabled !== false) {
      const started = await startScheduler({
        store, ids, material, shredder: crypto.router, importTokens: crypto.importTokens, checkpoints: auditLog, clock, dataDir: config.dataDir, log: logger.child({ component: 'scheduler' }),
        ...(config.scheduler?.rotationUnit ? { rotationUnit: config.scheduler.rotationUnit } : {}),
        ...(config.scheduler?.schedules ? { schedules: config.scheduler.schedules } : {}),
        ...(config.scheduler?.timezone ? { timezone: config.scheduler.timezone } : {}),
      })
      if (E.isLeft(started)) throw new Error(`${started.left.code}: ${started.left.message}`)
      scheduler = started.right
    }
    if (config.store.type !== 'memory') nonceJournal = SqliteNonceJournal.open(config.dataDir)
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
      ...(config.auth?.hosts ? { hosts: config.auth.hosts } : {}),
    })
    const tlsPaths = tlsPathsOf(env, config.tls)
    const tls = tlsPaths ? loadTlsFiles(tlsPaths) : undefined
    const server = createApiServer({
      services, actions: { ...servedActions(), ...o.actions }, verifier, clock, logger,
      throttle: new Throttle(config.throttling ?? {}),
      ...config.http,
      ...(tls ? { tls } : {}),
      readiness: {
        store: async () => (await store.headPosition(), 'ok'),
        views: async () => ((await readModels.catchUp()) === 'reached' ? 'ok' : 'behind'),
        // startApp opens the crypto stack (root key, vault, tokens) before it listens: serving means unsealed.
        vault: async () => 'ok',
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
