import * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'
import { parsePrincipal, principalArn, ramRoleArn, ramUserArn, RamIdentityPolicies, SERVICE_NAME, serviceRoleArn, type Principal } from '../domain/policy/index.ts'
import { AccessKeyConfig } from '../adapters/http/auth/access-key-store.ts'

// The server's configuration (docs/config.md), decoded at the boundary: a file given with --config, merged
// over defaults that come from the environment.

/**
 * A hardware instance's token (PKCS#11). The PIN is best given through an environment variable named by
 * `pinEnv`, so the file holds no secret; `pin` in the file also works (keep the file 0600 then).
 */
const Pkcs11InstanceConfig = t.intersection([
  t.type({ tokenLabel: t.string }),
  t.partial({ modulePath: t.string, pin: t.string, pinEnv: t.string, maxSessions: t.number }),
])
export type Pkcs11InstanceConfig = t.TypeOf<typeof Pkcs11InstanceConfig>

/**
 * An external instance's XKS proxy (docs/external-keys.md). Like a token PIN, the SigV4 secret is best given
 * through an environment variable named by `secretAccessKeyEnv`, so the file holds no secret.
 */
const XksInstanceConfig = t.intersection([
  t.type({ uri: t.string, uriPath: t.string, accessKeyId: t.string }),
  t.partial({ secretAccessKey: t.string, secretAccessKeyEnv: t.string, region: t.string, timeoutMs: t.number, caFile: t.string }),
])
export type XksInstanceConfig = t.TypeOf<typeof XksInstanceConfig>

const InstanceConfig = t.intersection([
  t.type({ instanceId: t.string, kind: t.keyof({ software: null, hardware: null, external: null }) }),
  t.partial({
    accountId: t.string,
    default: t.boolean,
    pkcs11: Pkcs11InstanceConfig,
    xks: XksInstanceConfig,
    /** S-5.1 resource sharing: other main accounts that may create keys in this instance. */
    sharedWith: t.array(t.string),
    /** S-5.4: how many other main accounts the instance's key policies may name (default 10). */
    accessManagementQuota: t.number,
  }),
])
export type InstanceConfig = t.TypeOf<typeof InstanceConfig>

/** XKS Proxy API: the path is `[/prefix]/kms/xks/v1`, at most 128 of a-z A-Z 0-9 / - _; HTTPS only. */
const checkXks = (i: InstanceConfig): string | undefined => {
  if (i.kind !== 'external') return i.xks ? 'only external instances take "xks"' : undefined
  const x = i.xks
  if (!x) return 'an external instance needs "xks": {"uri", "uriPath", "accessKeyId", "secretAccessKeyEnv" or "secretAccessKey"}'
  if (!/^https:\/\/[^/?#]+$/.test(x.uri)) return 'xks.uri is https://host[:port] (the XKS proxy speaks HTTPS only; no path)'
  if (!/^[A-Za-z0-9/_-]{1,128}$/.test(x.uriPath) || !x.uriPath.endsWith('/kms/xks/v1') || !x.uriPath.startsWith('/'))
    return 'xks.uriPath is "[/prefix]/kms/xks/v1": at most 128 of a-z A-Z 0-9 / - _'
  if (!/^[A-Z2-7]{20,30}$/.test(x.accessKeyId)) return 'xks.accessKeyId is 20-30 of A-Z and 2-7 (XKS Proxy API, Appendix A)'
  if ((x.secretAccessKey === undefined) === (x.secretAccessKeyEnv === undefined))
    return 'give the SigV4 secret as "secretAccessKeyEnv" (an environment variable\'s name) or "secretAccessKey", exactly one'
  if (x.timeoutMs !== undefined && (!Number.isInteger(x.timeoutMs) || x.timeoutMs < 1 || x.timeoutMs > 60000)) return 'xks.timeoutMs is a whole number of milliseconds, 1 to 60000'
  return undefined
}

/**
 * A main account and the RAM users and roles it has (names only: their grants are in `identityPolicies`), and
 * the cloud services that act for it (S-1.1 service keys: each through its role `service.<name>`).
 */
const AccountConfig = t.intersection([
  t.type({ accountId: t.string }),
  t.partial({ users: t.array(t.string), roles: t.array(t.string), services: t.array(t.string) }),
])
export type AccountConfig = t.TypeOf<typeof AccountConfig>

/** A token bucket of `throttling` (adapters/http/throttle.ts). */
const Bucket = t.partial({ ratePerSecond: t.number, burst: t.number })

/** S-5.4: keyledger's default when an instance does not say; the real service sells it with the instance. */
export const DEFAULT_ACCESS_MANAGEMENT_QUOTA = 10

export const StoreConfig = t.union([
  t.type({ type: t.literal('memory') }),
  t.intersection([t.type({ type: t.literal('sqlite') }), t.partial({ path: t.string })]),
  /** EventStoreDB (docs/esdb.md): `esdb://host:2113?tls=false`, `esdb+discover://…`, as the client takes it. */
  t.type({ type: t.literal('esdb'), url: t.string }),
])
export type StoreConfig = t.TypeOf<typeof StoreConfig>

/**
 * Where software keys' material lives. Default: `esdb` (vault streams, shared by every node) when the store is
 * EventStoreDB, `sqlite` (`<dataDir>/vault.sqlite`) otherwise; `sqlite` on EventStoreDB suits a single node only.
 */
export const VaultConfig = t.type({ type: t.keyof({ sqlite: null, esdb: null }) })
export type VaultConfig = t.TypeOf<typeof VaultConfig>

/** Where checkpoints are pushed besides the data dir (adapters/audit/witness.ts; docs/verifiable-log.md). */
export const WitnessConfigCodec = t.union([
  t.type({ type: t.literal('directory'), path: t.string }),
  t.intersection([t.type({ type: t.literal('http'), url: t.string }), t.partial({ timeoutMs: t.number })]),
])
export const AuditConfig = t.partial({ witnesses: t.array(WitnessConfigCodec) })
export type AuditConfig = t.TypeOf<typeof AuditConfig>

export const AppConfig = t.intersection([
  t.type({
    dataDir: t.string,
    listen: t.string,
    accountId: t.string,
    region: t.string,
    instances: t.array(InstanceConfig),
    accessKeys: t.array(AccessKeyConfig),
    store: StoreConfig,
  }),
  t.partial({
    vault: VaultConfig,
    hostId: t.string,
    /** `keyledger serve` only: false serves no bootstrap access key (also KMS_BOOTSTRAP_ACCESS_KEY=off). */
    bootstrapAccessKey: t.boolean,
    auth: t.partial({ hosts: t.array(t.string), timestampWindowSeconds: t.number, timestampAheadSeconds: t.number, maxNonces: t.number, maxNoncesPerKey: t.number }),
    tls: t.type({ cert: t.string, key: t.string }),
    throttling: t.partial({ cryptographic: Bucket, management: Bucket, read: Bucket }),
    http: t.partial({ maxBodyBytes: t.number, maxConnections: t.number, maxConnectionsPerIp: t.number, requestTimeoutMs: t.number, headersTimeoutMs: t.number, drainTimeoutMs: t.number, sseHeartbeatMs: t.number, sseMaxStreamMs: t.number, metrics: t.keyof({ public: null, loopback: null, off: null }) }),
    accounts: t.array(AccountConfig),
    /** What each account grants its RAM users and roles (S-5.3), in the shape of domain/policy/identity-policy.ts. */
    identityPolicies: RamIdentityPolicies,
    /** The verifiable log's witnesses (docs/verifiable-log.md). */
    audit: AuditConfig,
    /**
     * On EventStoreDB: the public key-event streams other systems subscribe to (docs/key-events.md "On
     * EventStoreDB"). On by default there; `readers` names, per account id, the EventStoreDB users or groups its
     * stream's `$acl.$r` lets read (default `$admins` only).
     */
    keyEventStreams: t.partial({ enabled: t.boolean, readers: t.record(t.string, t.array(t.string)) }),
    scheduler: t.partial({
      enabled: t.boolean,
      /** TESTS AND DEMOS ONLY (KMS_ROTATION_UNIT): rotation intervals count these units instead of days. */
      rotationUnit: t.keyof({ day: null, hour: null, minute: null, second: null }),
      schedules: t.partial({ rotateDueKeys: t.string, deleteExpiredPendingKeys: t.string, expireImportedMaterial: t.string, shredDeletedMaterial: t.string, checkpointAuditLog: t.string }),
      timezone: t.string,
      /** Lead times of the deletion reminders (ISO 8601 durations; docs/key-events.md "Deletion reminders"). */
      deletionReminders: t.array(t.string),
    }),
  }),
])
export type AppConfig = t.TypeOf<typeof AppConfig>

/** Every key a config file may hold at the top level: a misspelt key is an error, not a silent default. */
const KNOWN = ['dataDir', 'listen', 'accountId', 'region', 'instances', 'accessKeys', 'store', 'vault', 'hostId', 'auth', 'http', 'throttling', 'tls', 'accounts', 'identityPolicies', 'scheduler', 'bootstrapAccessKey', 'audit', 'keyEventStreams']

const ACCOUNT = /^[0-9]{1,32}$/
const REGION = /^[a-z0-9-]{2,64}$/

export const decodeConfig = (u: unknown): E.Either<string, AppConfig> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return E.left('the configuration is a JSON object')
  const unknown = Object.keys(u).find((k) => !KNOWN.includes(k))
  if (unknown) return E.left(`unknown configuration key "${unknown}"`)
  const r = AppConfig.decode(u)
  if (E.isLeft(r)) {
    // Drop the member indexes io-ts adds inside intersections and unions: they are not part of the file's shape.
    const ctx = r.left[0]?.context ?? []
    const path = ctx.filter((c, i) => c.key !== '' && !(i > 0 && (ctx[i - 1]!.type instanceof t.IntersectionType || ctx[i - 1]!.type instanceof t.UnionType)))
      .map((c) => c.key).join('.')
    return E.left(`invalid configuration at "${path}"`)
  }
  const c = r.right
  if (!ACCOUNT.test(c.accountId)) return E.left('accountId is digits, like an Alibaba Cloud account id')
  if (!REGION.test(c.region)) return E.left('region is lowercase letters, digits and dashes, e.g. cn-hangzhou')
  if (c.store.type === 'esdb' && !/^esdb(\+discover)?:\/\/./i.test(c.store.url)) return E.left('store.url is an EventStoreDB connection string: esdb://host:2113?tls=false or esdb+discover://…')
  if (c.vault?.type === 'esdb' && c.store.type !== 'esdb') return E.left('vault {"type":"esdb"} keeps material in the EventStoreDB of the store: it needs store {"type":"esdb"}')
  const principals = checkPrincipals(c)
  if (E.isLeft(principals)) return principals
  for (const k of c.accessKeys) {
    if (k.accountId !== undefined && !ACCOUNT.test(k.accountId)) return E.left(`access key ${k.accessKeyId}: accountId is digits`)
    if (k.accessKeySecret.length < 16) return E.left(`access key ${k.accessKeyId}: the secret must be at least 16 characters`)
    if (k.principal !== undefined) {
      const p = parsePrincipal(k.principal)
      if (!p) return E.left(`access key ${k.accessKeyId}: principal is acs:ram::<uid>:root, acs:ram::<uid>:user/<name> or acs:ram::<uid>:role/<name>`)
      if (k.accountId !== undefined && k.accountId !== p.accountId) return E.left(`access key ${k.accessKeyId}: accountId ${k.accountId} is not the principal's account ${p.accountId}`)
      if (!principals.right(p)) return E.left(`access key ${k.accessKeyId}: ${k.principal} is not declared under "accounts"`)
    }
  }
  for (const e of c.identityPolicies ?? []) {
    const arn = principalArn(e.principal)
    if (e.principal.kind === 'root') return E.left(`identityPolicies: ${arn} is a main account; its account grants it everything, give policies to RAM users and roles`)
    if (!principals.right(e.principal)) return E.left(`identityPolicies: ${arn} is not declared under "accounts"`)
  }
  for (const i of c.instances) {
    const owner = i.accountId ?? c.accountId
    if (i.accountId !== undefined && !ACCOUNT.test(i.accountId)) return E.left(`instance ${i.instanceId}: accountId is digits`)
    for (const a of i.sharedWith ?? []) {
      if (!ACCOUNT.test(a)) return E.left(`instance ${i.instanceId}: sharedWith lists account ids (digits)`)
      if (a === owner) return E.left(`instance ${i.instanceId}: it is not shared with its own account ${owner}`)
    }
    const q = i.accessManagementQuota
    if (q !== undefined && (!Number.isInteger(q) || q < 0)) return E.left(`instance ${i.instanceId}: accessManagementQuota is a whole number, 0 or more`)
  }
  const ids = new Set<string>()
  for (const k of c.accessKeys) {
    if (ids.has(k.accessKeyId)) return E.left(`access key ${k.accessKeyId} appears twice`)
    ids.add(k.accessKeyId)
  }
  const instanceIds = new Set<string>()
  for (const i of c.instances) {
    if (instanceIds.has(i.instanceId)) return E.left(`instance ${i.instanceId} appears twice`)
    instanceIds.add(i.instanceId)
    if (i.kind === 'hardware' && !i.pkcs11) return E.left(`instance ${i.instanceId}: a hardware instance needs "pkcs11": {"tokenLabel", "pinEnv" or "pin"}`)
    if (i.kind !== 'hardware' && i.pkcs11) return E.left(`instance ${i.instanceId}: only hardware instances take "pkcs11"`)
    const xksProblem = checkXks(i)
    if (xksProblem !== undefined) return E.left(`instance ${i.instanceId}: ${xksProblem}`)
    if (i.pkcs11 && (i.pkcs11.pin === undefined) === (i.pkcs11.pinEnv === undefined))
      return E.left(`instance ${i.instanceId}: give the token PIN as "pinEnv" (an environment variable's name) or "pin", exactly one`)
  }
  const defaults = new Map<string, number>()
  for (const i of c.instances) if (i.default) defaults.set(i.accountId ?? c.accountId, (defaults.get(i.accountId ?? c.accountId) ?? 0) + 1)
  for (const [account, n] of defaults) if (n > 1) return E.left(`account ${account} has ${n} default instances; at most one`)
  return E.right(c)
}

/**
 * The RAM users and roles the file declares, so that a misspelt name in an access key or a grant is an error
 * rather than an identity nobody can use. Main accounts (roots) need no declaration.
 */
const checkPrincipals = (c: AppConfig): E.Either<string, (p: Principal) => boolean> => {
  const declared = new Set<string>()
  const accounts = new Set<string>()
  for (const a of c.accounts ?? []) {
    if (!ACCOUNT.test(a.accountId)) return E.left(`accounts: ${a.accountId} is not an account id (digits)`)
    if (accounts.has(a.accountId)) return E.left(`accounts: ${a.accountId} appears twice`)
    accounts.add(a.accountId)
    for (const [kind, names, arnOf] of [['user', a.users ?? [], ramUserArn], ['role', a.roles ?? [], ramRoleArn]] as const) {
      for (const name of names) {
        const arn = arnOf(a.accountId, name)
        if (parsePrincipal(arn)?.kind !== kind) return E.left(`accounts: ${a.accountId} ${kind} "${name}" is not a RAM name (1-64 of letters, digits, ._@-)`)
        declared.add(arn)
      }
    }
    for (const service of a.services ?? []) {
      if (!SERVICE_NAME.test(service)) return E.left(`accounts: ${a.accountId} service "${service}" is not a service name (2-32 of a-z, 0-9, -, starting with a letter)`)
      const arn = serviceRoleArn(a.accountId, service)
      if (declared.has(arn)) return E.left(`accounts: ${a.accountId} service "${service}" is declared twice (or as the role service.${service})`)
      declared.add(arn)
    }
  }
  return E.right((p) => p.kind === 'root' || declared.has(principalArn(p)))
}
