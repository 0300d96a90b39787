import * as E from 'fp-ts/lib/Either.js'
import pino, { type Logger } from 'pino'
import type { Clock } from '../domain/ports/clock.ts'
import { systemClock } from '../adapters/clock.ts'
import type { EventStore } from '../domain/ports/event-store.ts'
import type { IdGenerator } from '../domain/ports/ids.ts'
import { KeyService, type KeyMaterialLifecycle } from '../application/key-service.ts'
import { IdempotentWrites } from '../application/idempotency.ts'
import { AccessControl } from '../application/access/access-control.ts'
import { QuotaGate } from '../application/access/quota-gate.ts'
import type { ActionTable, ApiServices, Deployment, KmsInstance } from '../adapters/http/actions/index.ts'
import type { NonceRegistry } from '../adapters/http/auth/verifier.ts'
import type { RequestThrottle } from '../adapters/http/throttle.ts'
import { randomIds } from '../adapters/ids.ts'
import { EsdbEventStore } from '../adapters/store/esdb/index.ts'
import { startKeyEventProjector, type KeyEventProjector } from '../adapters/store/esdb/key-event-projector.ts'
import { ADMINS_ONLY } from '../adapters/store/esdb/key-event-streams.ts'
import { PositionTrackingStore } from '../adapters/readstore/position-tracking-store.ts'
import { SqliteEventStore, type AppendWriterFactory } from '../adapters/store/sqlite/index.ts'
import { MemoryEventStore } from '../adapters/store/memory.ts'
import { ReportThread } from '../adapters/reports/compliance-reports.ts'
import { ServiceMetrics } from '../adapters/service-metrics.ts'
import { openReadModels, type RunningReadModels } from '../adapters/readstore/read-models.ts'
import { AuditLog } from '../adapters/audit/audit-log.ts'
import { witnessOf } from '../adapters/audit/witness.ts'
import type { AppConfig } from './config.ts'
import { openEventStore } from './event-store.ts'
import { openCryptoStack, type CryptoStack, type VaultChoice } from './crypto-stack.ts'
import { startScheduler, type RunningScheduler } from './scheduler.ts'
import { dataDirLayout } from './data-dir.ts'
import { checkVaultAtStart } from './startup-check.ts'
import { parsePrincipal, serviceRoleArn, type RamIdentityPolicies } from '../domain/policy/index.ts'

// The engine (docs/architecture.md §9): stores, read models, crypto, access control, the scheduler and the
// application services, with no listener. `startApp` puts the HTTP server in front of it; `openKeyledger`
// (composition/embedded.ts) hands it to a program in the same process.

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
  /**
   * A worker of `serve --workers`: the replay cache, the quota gate's turn and the throttle's buckets are the
   * primary's (adapters/cluster).
   */
  readonly cluster?: {
    readonly nonces: NonceRegistry
    readonly withPoolLock: <T>(pool: string, run: () => Promise<T>) => Promise<T>
    readonly throttle?: RequestThrottle
    /** The event store's writer (a SQLite store): the primary's, one for all workers (adapters/cluster/shared-writer.ts). */
    readonly writer?: AppendWriterFactory
  }
}

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

export interface Engine {
  readonly store: EventStore
  readonly services: ApiServices
  readonly logger: Logger
  readonly clock: Clock
  readonly env: NodeJS.ProcessEnv
  readonly crypto: CryptoStack
  readonly readModels: RunningReadModels
  readonly scheduler: RunningScheduler | undefined
  /** Commit times, view lag, scheduler runs, report durations (adapters/service-metrics.ts); the API's join them. */
  readonly metrics: ServiceMetrics
  /** Stops in order: the scheduler, the report thread, the key-event streams' projector, the read models, the audit log, the executors, the store. */
  stop(): Promise<void>
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

/** The public key-event streams (docs/key-events.md "On EventStoreDB"): on EventStoreDB unless the config turns them off. */
const startKeyEventStreams = async (config: AppConfig, store: EventStore, logger: Logger): Promise<KeyEventProjector | undefined> => {
  if (!(store instanceof EsdbEventStore) || config.keyEventStreams?.enabled === false) return undefined
  const readers = config.keyEventStreams?.readers ?? {}
  const log = logger.child({ component: 'key-event-streams' })
  return startKeyEventProjector(store, {
    readers: (accountId) => readers[accountId] ?? ADMINS_ONLY(accountId),
    onError: (err) => log.error({ err }, 'projecting a key event to its EventStoreDB stream failed; retrying the same event'),
  })
}

export const openEngine = async (config: AppConfig, o: AppOverrides = {}): Promise<Engine> => {
  const logger = o.logger ?? pino({ name: 'keyledger' })
  const clock = o.clock ?? systemClock
  const ids = o.ids ?? randomIds
  const env = o.env ?? process.env
  const store = o.store ?? (await openEventStore(config.store, config.dataDir, o.cluster?.writer))
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
  const metrics = new ServiceMetrics(async () => {
    const head = await store.headPosition()
    return new Map([...readModels.readStore.checkpoints()].map(([view, at]) => [view, Math.max(0, head - at)]))
  })
  if (store instanceof SqliteEventStore) store.observeCommits((seconds) => metrics.commit(seconds))
  // Reports fold on a thread of their own (docs/architecture.md §7 "Reports"): a SQLite store's thread reads the
  // file on its own connection; EventStoreDB's pages are read here and handed over; the memory store's fold here.
  const reportSource = store instanceof SqliteEventStore ? { kind: 'file' as const, path: store.path } : store instanceof MemoryEventStore ? { kind: 'in-place' as const } : { kind: 'pages' as const }
  const reports = new ReportThread(reportSource, store, (name, s) => metrics.report(name, s))
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
    // Idempotent writes (issue 17): the token streams are written past the tracking store, answers need no view.
    idempotency: new IdempotentWrites(store, ids),
    // Authorization (docs/architecture.md §7): identity policies and sharing from the config, denials onto keyusage streams.
    access: new AccessControl({
      identityPolicies: [...(config.identityPolicies ?? []), ...serviceGrants(config)], instances: deployment.instances, region: deployment.region,
      usage: crypto.usage,
    }),
    auditLog,
    reports,
    quota: new QuotaGate({ history: (pool) => readModels.policies.history(pool), catchUp: () => readModels.catchUp() }, deployment.instances,
      o.cluster ? (pool, run) => o.cluster!.withPoolLock(pool, run) : undefined),
  }
  let scheduler: RunningScheduler | undefined
  let keyEventStreams: KeyEventProjector | undefined
  const stopAll = async () => {
    await scheduler?.stop()
    await reports.close()
    await keyEventStreams?.stop()
    await readModels.close()
    auditLog.close()
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
        onRun: (job, outcome) => metrics.schedulerRun(job, outcome),
        ...(config.scheduler?.deletionReminders ? { deletionReminders: config.scheduler.deletionReminders } : {}),
      })
      if (E.isLeft(started)) throw new Error(`${started.left.code}: ${started.left.message}`)
      scheduler = started.right
    }
    keyEventStreams = await startKeyEventStreams(config, store, logger)
    return { store, services, logger, clock, env, crypto, readModels, scheduler, metrics, stop: stopAll }
  } catch (e) {
    await stopAll()
    throw e
  }
}
