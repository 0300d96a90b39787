import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import pino, { type Logger } from 'pino'
import { invalidParameter, type KmsError } from '../domain/errors.ts'
import { operationOf, API_OPERATIONS, type OperationName } from '../domain/operations/catalogue.ts'
import { parsePrincipal } from '../domain/policy/index.ts'
import { servedActions } from '../adapters/http/actions/index.ts'
import { invokeAction } from '../adapters/http/invoke.ts'
import { lockDataDir } from '../adapters/data-dir/guard.ts'
import type { DataDirLock } from '../adapters/data-dir/lock.ts'
import { buildServeConfig } from './settings.ts'
import { openEngine } from './engine.ts'

// keyledger as a library (issue 17, item 1; docs/embedding.md): the engine `keyledger serve` runs, opened in the
// caller's process with no listener. Every call names its principal and takes the HTTP API's own path after
// authentication (adapters/http/invoke.ts): the same authorization (key policies, identity policies, quotas), the
// same audit records (ActionInvoked on the key's usage stream), read-your-writes and idempotent writes. The
// parameters and answers are the HTTP API's, by the same names (docs/http-api.md).
// This file is the package's entry point: what it exports is the public surface (semver, docs/embedding.md).

export interface KeyledgerSettings {
  /** The data directory: created when missing, the same layout `keyledger serve` uses (docs/config.md). */
  readonly dataDir: string
  /** A configuration file, as `keyledger serve --config` reads it (docs/config.md). */
  readonly configFile?: string
  /** Where the events are, as KMS_EVENT_STORE: `esdb://host:2113?tls=false` or a SQLite path (default: the data dir's). */
  readonly eventStore?: string
  /** The account a fresh data dir belongs to (KMS_ACCOUNT_ID); an existing data dir keeps its own. */
  readonly accountId?: string
  /** The region (KMS_REGION; default cn-hangzhou). */
  readonly region?: string
  /** Where KMS_ROOT_KEY, PINs and the other KMS_* settings are read; process.env by default. */
  readonly env?: NodeJS.ProcessEnv
  /** A pino logger; by default only warnings and errors, on stderr. */
  readonly logger?: Logger
  /** Run the scheduler's jobs (rotation, deletion, shredding) in this process; default true, as `serve`. */
  readonly scheduler?: boolean
}

/** A parameter value: strings as on the wire; numbers and booleans as their text; objects and arrays as JSON. */
export type ParamValue = string | number | boolean | readonly unknown[] | Readonly<Record<string, unknown>>
export type Params = Readonly<Record<string, ParamValue | undefined>>

/** An answer: the HTTP API's JSON body, RequestId included. */
export type Answer = Readonly<Record<string, unknown>> & { readonly RequestId: string }

export interface CallOptions {
  /** Makes a writing call idempotent for 24 hours (docs/http-api.md "Idempotent writes"); the same as `ClientToken`. */
  readonly clientToken?: string
  /** The request id recorded in the events and returned as RequestId; a fresh UUID by default. */
  readonly requestId?: string
  /** Audit labels, as the `x-acs-caller-service` / `x-acs-caller-resource` headers (S-10). */
  readonly callerService?: string
  readonly callerResource?: string
}

/** A refusal or failure: the HTTP API's error code and status (docs/http-api.md "Errors"). */
export class KeyledgerError extends Error {
  override readonly name = 'KeyledgerError'
  constructor(readonly code: string, readonly httpStatus: number, message: string, readonly requestId: string) {
    super(`${code}: ${message}`)
  }
}

/** The API actions, by name (docs/http-api.md "Operations"). */
export type ActionName = Exclude<OperationName, 'RotateKey' | 'DeleteKey' | 'RemindDeletion'>

export interface Keyledger {
  /** The account and region this engine serves. */
  readonly accountId: string
  readonly region: string
  /** Any API action, as the caller `principal` (an ARN: `acs:ram::<account>:root`, `…:user/<name>`, `…:role/<name>`). */
  call(principal: string, action: ActionName, params?: Params, options?: CallOptions): Promise<Answer>
  // ── commands ──
  createKey(principal: string, params?: Params, options?: CallOptions): Promise<Answer & { readonly KeyMetadata: KeyMetadata }>
  enableKey(principal: string, keyId: string, options?: CallOptions): Promise<Answer>
  disableKey(principal: string, keyId: string, options?: CallOptions): Promise<Answer>
  scheduleKeyDeletion(principal: string, keyId: string, pendingWindowInDays: number, options?: CallOptions): Promise<Answer>
  cancelKeyDeletion(principal: string, keyId: string, options?: CallOptions): Promise<Answer>
  createAlias(principal: string, aliasName: string, keyId: string, options?: CallOptions): Promise<Answer>
  // ── crypto ──
  /** `plaintext`: bytes, or a string taken as UTF-8; sent Base64-encoded as on the wire. */
  encrypt(principal: string, keyId: string, plaintext: Uint8Array | string, encryptionContext?: Readonly<Record<string, string>>): Promise<Answer & { readonly CiphertextBlob: string; readonly KeyId: string; readonly KeyVersionId: string }>
  /** The answer's Plaintext is Base64, as on the wire. */
  decrypt(principal: string, ciphertextBlob: string, encryptionContext?: Readonly<Record<string, string>>): Promise<Answer & { readonly Plaintext: string; readonly KeyId: string; readonly KeyVersionId: string }>
  generateDataKey(principal: string, keyId: string, params?: Params): Promise<Answer & { readonly Plaintext: string; readonly CiphertextBlob: string; readonly KeyId: string }>
  // ── queries ──
  describeKey(principal: string, keyId: string): Promise<Answer & { readonly KeyMetadata: KeyMetadata }>
  listKeys(principal: string, params?: Params): Promise<Answer>
  // ── audit ──
  /** The key's events and its ActionInvoked records, oldest first (ListKeyHistory). */
  keyHistory(principal: string, keyId: string, params?: Params): Promise<Answer & { readonly Events: { readonly Event: readonly HistoryEvent[] } }>
  /** Stops the scheduler, the read models and the stores; calls after it are refused. */
  close(): Promise<void>
}

export interface KeyMetadata {
  readonly KeyId: string
  readonly Arn: string
  readonly KeyState: string
  readonly KeySpec: string
  readonly KeyUsage: string
  readonly [field: string]: unknown
}

export interface HistoryEvent {
  readonly Type: string
  readonly Time: string
  readonly Principal: string
  readonly RequestId: string
  /** What happened, in a line: `kms:Encrypt allowed`, a KeyCreated's spec and usage (projections/audit/history.ts). */
  readonly Detail: string
  readonly [field: string]: unknown
}

const wireValue = (v: ParamValue): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v)

const wireParams = (params: Params, options: CallOptions): Map<string, string> => {
  const out = new Map<string, string>()
  for (const [name, v] of Object.entries(params)) if (v !== undefined) out.set(name, wireValue(v))
  if (options.clientToken !== undefined) out.set('ClientToken', options.clientToken)
  return out
}

const refuse = (e: KmsError, requestId: string): KeyledgerError => new KeyledgerError(e.code, e.httpStatus, e.message, requestId)

/**
 * Opens the engine on a data dir (and the event store the settings name): the same stores, vault, read models and
 * scheduler as `keyledger serve`, and takes the data dir's lock while open, so a server cannot write beside it.
 */
export const openKeyledger = async (settings: KeyledgerSettings): Promise<Keyledger> => {
  const logger = settings.logger ?? pino({ name: 'keyledger', level: 'warn' }, pino.destination(2))
  const env: NodeJS.ProcessEnv = {
    ...(settings.env ?? process.env),
    // No access keys in-process: callers are named per call, nothing is signed.
    KMS_BOOTSTRAP_ACCESS_KEY: 'off',
    ...(settings.eventStore ? { KMS_EVENT_STORE: settings.eventStore } : {}),
    ...(settings.accountId ? { KMS_ACCOUNT_ID: settings.accountId } : {}),
    ...(settings.region ? { KMS_REGION: settings.region } : {}),
  }
  let lock: DataDirLock | undefined
  const built = buildServeConfig({ dataDir: settings.dataDir, ...(settings.configFile ? { config: settings.configFile } : {}) }, env,
    (dir) => { lock = lockDataDir(dir, 'embedded', (line) => logger.warn(line)) })
  if (E.isLeft(built)) {
    lock?.release()
    throw new Error(`Config.Invalid: ${built.left}`)
  }
  const config = settings.scheduler === false ? { ...built.right.config, scheduler: { ...built.right.config.scheduler, enabled: false } } : built.right.config
  let engine: Awaited<ReturnType<typeof openEngine>>
  try {
    engine = await openEngine(config, { logger, env })
  } catch (e) {
    lock?.release()
    throw e
  }
  const actions = servedActions()
  let closed: Promise<void> | undefined

  const call = async (principal: string, action: ActionName, params: Params = {}, options: CallOptions = {}): Promise<Answer> => {
    const requestId = options.requestId ?? randomUUID()
    if (closed) throw new KeyledgerError('InternalFailure', 500, 'the engine is closed', requestId)
    const who = parsePrincipal(principal)
    if (!who) throw refuse(invalidParameter('principal', 'A principal is acs:ram::<account>:root, :user/<name> or :role/<name>.'), requestId)
    const handler = operationOf(action) && Object.hasOwn(actions, action) ? actions[action] : undefined
    if (!handler) throw new KeyledgerError('InvalidAction.NotFound', 404, `${action} is not an action of keyledger`, requestId)
    const invoked = await invokeAction(engine.services, handler, {
      action, params: wireParams(params, options),
      caller: { accessKeyId: 'embedded', principal, accountId: who.accountId },
      callerHeaders: { service: options.callerService, resource: options.callerResource },
      command: { principal, requestId, now: engine.clock.now() },
    })
    if (invoked.denial) logger.info({ requestId, action, denial: invoked.denial }, 'refused')
    if (E.isLeft(invoked.result)) throw refuse(invoked.result.left, invoked.requestId)
    return { RequestId: invoked.requestId, ...invoked.result.right }
  }
  const typed = <A>(p: Promise<Answer>) => p as Promise<Answer & A>
  return {
    accountId: config.accountId,
    region: config.region,
    call,
    createKey: (p, params = {}, o) => typed(call(p, 'CreateKey', params, o)),
    enableKey: (p, keyId, o) => call(p, 'EnableKey', { KeyId: keyId }, o),
    disableKey: (p, keyId, o) => call(p, 'DisableKey', { KeyId: keyId }, o),
    scheduleKeyDeletion: (p, keyId, days, o) => call(p, 'ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: days }, o),
    cancelKeyDeletion: (p, keyId, o) => call(p, 'CancelKeyDeletion', { KeyId: keyId }, o),
    createAlias: (p, aliasName, keyId, o) => call(p, 'CreateAlias', { AliasName: aliasName, KeyId: keyId }, o),
    encrypt: (p, keyId, plaintext, ec) => typed(call(p, 'Encrypt', { KeyId: keyId, Plaintext: Buffer.from(plaintext).toString('base64'), EncryptionContext: ec })),
    decrypt: (p, blob, ec) => typed(call(p, 'Decrypt', { CiphertextBlob: blob, EncryptionContext: ec })),
    generateDataKey: (p, keyId, params = {}) => typed(call(p, 'GenerateDataKey', { ...params, KeyId: keyId })),
    describeKey: (p, keyId) => typed(call(p, 'DescribeKey', { KeyId: keyId })),
    listKeys: (p, params = {}) => call(p, 'ListKeys', params),
    keyHistory: (p, keyId, params = {}) => typed(call(p, 'ListKeyHistory', { ...params, KeyId: keyId })),
    close: () => (closed ??= (async () => {
      try {
        await engine.stop()
      } finally {
        lock?.release()
      }
    })()),
  }
}

/** Every action `call` accepts, in the catalogue's order. */
export const ACTIONS: readonly ActionName[] = API_OPERATIONS.map((o) => o.name as ActionName)
