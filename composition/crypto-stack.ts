import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../domain/errors.ts'
import type { CryptoExecutor } from '../domain/ports/crypto-executor.ts'
import type { EventStore } from '../domain/ports/event-store.ts'
import type { IdGenerator } from '../domain/ports/ids.ts'
import type { KeyService } from '../application/key-service.ts'
import { CryptoService } from '../application/crypto-service.ts'
import type { InstanceConfig } from './config.ts'
import { SqliteEventStore } from '../adapters/store/sqlite/index.ts'
import { MemoryEventStore } from '../adapters/store/memory.ts'
import { DATA_DIR_FILES } from './data-dir.ts'
import { EventStoreUsageRecorder } from '../adapters/usage/event-store-usage-recorder.ts'
import type { ForeignDenialOptions } from '../adapters/usage/foreign-denials.ts'
import type { EventStoreDBClient } from '@eventstore/db-client'
import type { Subscription } from '../domain/ports/event-store.ts'
import { loadRootKey, ROOT_KEY_FILE } from '../adapters/root-key.ts'
import { EsdbKeyVault } from '../adapters/vault/esdb-vault.ts'
import type { Backoff } from '../adapters/store/esdb/backoff.ts'
import type { ExpiredImportTokens } from '../domain/ports/key-material.ts'
import type { KeyVault } from '../domain/ports/key-vault.ts'
import { SqliteKeyVault } from '../adapters/vault/sqlite-vault.ts'
import { blobFormat } from '../adapters/crypto/blob.ts'
import { SoftwareKeyTransport } from '../adapters/crypto/key-transport.ts'
import { modulePathFromEnv } from '../adapters/crypto/pkcs11/config.ts'
import { Pkcs11Executor } from '../adapters/crypto/pkcs11/executor.ts'
import { CryptoRouter } from '../adapters/crypto/router.ts'
import { SoftwareExecutor } from '../adapters/crypto/software/executor.ts'
import type { XksExecutor } from '../adapters/crypto/xks/executor.ts'
import { openXksExecutor } from './xks-instances.ts'
import type { WrappedRowListing } from '../adapters/vault/wrapped-rows.ts'
import type { KeyKind } from '../domain/values/key-spec.ts'

// The crypto half of the composition root (docs/architecture.md §5): the vault under its root key, the software executor (for
// software instances and the region's default key), one PKCS#11 executor per hardware instance, the router
// that picks among them, and the usage recorder the crypto service audits through.

export const VAULT_FILE = DATA_DIR_FILES.vault
export { ROOT_KEY_FILE }

/**
 * Where the vault is: in memory under a fresh root key (the memory event store; nothing survives), the data dir's
 * SQLite file (one node), or the streams of the EventStoreDB the events are in (several nodes: the root key must
 * then come from KMS_ROOT_KEY, the same on every node).
 */
export type VaultChoice = { readonly kind: 'memory' } | { readonly kind: 'sqlite' } | { readonly kind: 'esdb'; readonly client: EventStoreDBClient; readonly backoff?: Backoff }

export interface CryptoStackOptions {
  readonly instances: readonly InstanceConfig[]
  /** The region the server stands in: the SigV4 scope of XKS proxies that do not name their own. */
  readonly region: string
  readonly dataDir: string
  readonly vault: VaultChoice
  readonly env: NodeJS.ProcessEnv
  readonly store: EventStore
  readonly ids: IdGenerator
  /** Told when material could not be destroyed after KeyDeleted (the event is stored; an operator must look). */
  readonly onDestroyFailure: (keyId: string, error: KmsError) => void
  /** Start-up notes (where the root key came from, which tokens opened): never a secret. */
  readonly note: (msg: string) => void
  /** Told when an aggregated refusal record (another account's, written after the calls) could not be stored. */
  readonly onLateAuditFailure?: (msg: string) => void
  /** The aggregation of another account's refusals (default: one minute by the system clock). */
  readonly foreignDenials?: ForeignDenialOptions
}

export interface CryptoStack {
  readonly router: CryptoRouter
  readonly usage: EventStoreUsageRecorder
  /** The vault's rows, still wrapped, and which keys keep their material there: the start-up material check. */
  readonly vaultRows: WrappedRowListing
  readonly inVault: (key: { readonly kind: KeyKind; readonly instanceId: string | null }) => boolean
  /** The vault's import tokens, for the scheduler's expiry job. */
  readonly importTokens: ExpiredImportTokens
  /** The XKS executors of the external instances, by instance id (`keyledger instances check`, docs/external-keys.md). */
  readonly externals: ReadonlyMap<string, XksExecutor>
  /** The crypto service over a key service built with the router as its material hook. */
  service(keys: KeyService): CryptoService
  /** Closes every executor (the software one closes the vault). */
  close(): Promise<void>
}

const startError = (e: KmsError): Error => new Error(`${e.code}: ${e.message}`)

/** The PIN of a hardware instance: from the environment variable the config names, else from the config. */
const pinOf = (i: InstanceConfig, env: NodeJS.ProcessEnv): E.Either<KmsError, string> => {
  const p = i.pkcs11!
  if (p.pinEnv === undefined) return E.right(p.pin!)
  const pin = env[p.pinEnv]
  return pin
    ? E.right(pin)
    : E.left({ code: 'Config.MissingPin', httpStatus: 500, message: `instance ${i.instanceId}: the environment variable ${p.pinEnv} (its token PIN) is not set` })
}

/**
 * The connectivity check at start: a proxy that does not answer is reported, and the server starts anyway: its
 * other keys serve, and the external keys answer ServiceUnavailableTemporary until the proxy is back.
 */
const checkAtStart = async (instanceId: string, xks: XksExecutor, note: (msg: string) => void): Promise<void> => {
  const h = await xks.health('KeyledgerStart')
  note(h.healthy
    ? `instance ${instanceId}: XKS proxy healthy (${h.answer.xksProxyVendor} ${h.answer.xksProxyModel}, ${h.answer.ekmVendor}; ${h.tookMs} ms)`
    : `instance ${instanceId}: XKS proxy NOT healthy: ${h.why}. Its keys answer ServiceUnavailableTemporary until it is; \`keyledger instances check ${instanceId}\` checks again`)
}

const openVault = async (o: CryptoStackOptions): Promise<KeyVault> => {
  if (o.vault.kind === 'memory') {
    const opened = SqliteKeyVault.open(':memory:', randomBytes(32))
    if (E.isLeft(opened)) throw startError(opened.left)
    return opened.right
  }
  const shared = o.vault.kind === 'esdb'
  const keyFile = join(o.dataDir, ROOT_KEY_FILE)
  // A vault without its root key is a half-copied data dir: making a new key would only hide that (and then
  // fail as the wrong key). docs/operations.md#startup-checks.
  if (!shared && !o.env['KMS_ROOT_KEY'] && existsSync(join(o.dataDir, VAULT_FILE)) && !existsSync(keyFile))
    throw startError({ code: 'DataDir.RootKeyMissing', httpStatus: 500,
      message: `the vault ${join(o.dataDir, VAULT_FILE)} exists but its root key ${keyFile} does not. Put the root key back (or set KMS_ROOT_KEY); never start with a new one` })
  const root = loadRootKey({
    env: o.env['KMS_ROOT_KEY'], keyFile, secrets: o.env,
    // A key file made on this node would be this node's alone: every other node would fail to unwrap.
    ...(shared ? { envRequiredBecause: 'the vault is in EventStoreDB, shared by every node, and every node must wrap and unwrap under the same root key (a key file made on one node would be that node\'s alone). Set the same KMS_ROOT_KEY (Base64 of 32 bytes) on every node, or use vault {"type":"sqlite"} for a single node.' } : {}),
  })
  if (E.isLeft(root)) throw startError(root.left)
  o.note(root.right.origin === 'env' ? 'vault root key from KMS_ROOT_KEY'
    : `vault root key ${root.right.origin === 'created' ? 'created in' : 'from'} ${join(o.dataDir, ROOT_KEY_FILE)}`)
  try {
    const opened = o.vault.kind === 'esdb'
      ? await EsdbKeyVault.open(o.vault.client, root.right.key, { sharedClient: true, ...(o.vault.backoff ? { backoff: o.vault.backoff } : {}) })
      : SqliteKeyVault.open(join(o.dataDir, VAULT_FILE), root.right.key)
    if (E.isLeft(opened)) {
      const from = root.right.origin === 'env' ? 'KMS_ROOT_KEY' : `the root key file ${keyFile}`
      throw startError(opened.left.code === 'Config.WrongRootKey'
        ? { ...opened.left, message: `${opened.left.message.replace(/\.$/, '')} (the key came from ${from}). Give the root key this data dir was made with` }
        : opened.left)
    }
    o.note(shared ? 'vault: vault- streams of the EventStoreDB store' : `vault: ${join(o.dataDir, VAULT_FILE)}`)
    return opened.right
  } finally {
    root.right.key.fill(0)
  }
}

/**
 * With a shared vault, another node may delete a key whose material this node has loaded: drop it from the
 * software executor's cache when the key's KeyDeleted or KeyMaterialDeleted arrives (from the store's head on;
 * nothing older is cached, the cache starts empty).
 */
const forgetDestroyedMaterial = async (store: EventStore, software: SoftwareExecutor): Promise<Subscription> => {
  const after = await store.headPosition()
  return store.subscribeAll({ after, streamPrefixes: ['key-'] }, (e) => {
    if (e.type !== 'KeyDeleted' && e.type !== 'KeyMaterialDeleted') return
    software.forget(e.streamId.slice('key-'.length))
  })
}

/** Opens everything or nothing: on a failure, what was opened is closed and the error thrown (start-up). */
export const openCryptoStack = async (o: CryptoStackOptions): Promise<CryptoStack> => {
  const vault = await openVault(o)
  const software = new SoftwareExecutor(vault)
  let forgetting: Subscription | undefined
  const executors: CryptoExecutor[] = [software]
  const instances = new Map<string, CryptoExecutor>()
  const externals = new Map<string, XksExecutor>()
  try {
    for (const i of o.instances) {
      if (i.kind === 'software') instances.set(i.instanceId, software)
      if (i.kind === 'external') {
        const xks = openXksExecutor(i, o.env, o.region)
        if (E.isLeft(xks)) throw startError(xks.left)
        executors.push(xks.right)
        instances.set(i.instanceId, xks.right)
        externals.set(i.instanceId, xks.right)
        await checkAtStart(i.instanceId, xks.right, o.note)
      }
      if (i.kind !== 'hardware') continue
      const pin = pinOf(i, o.env)
      if (E.isLeft(pin)) throw startError(pin.left)
      const p = i.pkcs11!
      const hsm = Pkcs11Executor.open({
        modulePath: p.modulePath ?? modulePathFromEnv(o.env), tokenLabel: p.tokenLabel, pin: pin.right,
        ...(p.maxSessions !== undefined ? { maxSessions: p.maxSessions } : {}),
      })
      if (E.isLeft(hsm)) throw startError({ ...hsm.left, message: `instance ${i.instanceId}: ${hsm.left.message}` })
      executors.push(hsm.right)
      instances.set(i.instanceId, hsm.right)
      o.note(`instance ${i.instanceId}: PKCS#11 token "${p.tokenLabel}" opened`)
    }
    if (o.vault.kind === 'esdb') forgetting = await forgetDestroyedMaterial(o.store, software)
  } catch (e) {
    await Promise.allSettled(executors.map((x) => x.close()))
    throw e
  }
  const router = new CryptoRouter({ instances, defaultKeyExecutor: software, onDestroyFailure: o.onDestroyFailure })
  const usage = new EventStoreUsageRecorder(o.store, o.ids, {
    anyRevision: o.store instanceof SqliteEventStore || o.store instanceof MemoryEventStore,
    ...(o.foreignDenials ? { foreignDenials: o.foreignDenials } : {}),
    ...(o.onLateAuditFailure ? { onLateFailure: o.onLateAuditFailure } : {}),
  })
  const transport = new SoftwareKeyTransport(vault)
  return {
    router, usage, externals,
    vaultRows: vault,
    inVault: (key) => key.kind === 'default' || (key.instanceId !== null && instances.get(key.instanceId) === software),
    importTokens: { deleteExpiredImportTokens: (now) => vault.deleteExpiredImportTokens(now) },
    service: (keys) => new CryptoService({ keys, router, blobs: blobFormat, transport, usage }),
    close: async () => {
      await forgetting?.stop()
      // Another account's refusals still counted are written before the store closes.
      await usage.close()
      // Hardware first: a token session must not outlive the process's orderly exit.
      for (const x of executors.slice(1).concat(executors.slice(0, 1))) await x.close()
    },
  }
}
