import * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'
import { AccessKeyConfig } from './http/auth/access-key-store.ts'

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

const InstanceConfig = t.intersection([
  t.type({ instanceId: t.string, kind: t.keyof({ software: null, hardware: null, external: null }) }),
  t.partial({ accountId: t.string, default: t.boolean, pkcs11: Pkcs11InstanceConfig }),
])
export type InstanceConfig = t.TypeOf<typeof InstanceConfig>

export const StoreConfig = t.union([
  t.type({ type: t.literal('memory') }),
  t.intersection([t.type({ type: t.literal('sqlite') }), t.partial({ path: t.string })]),
])
export type StoreConfig = t.TypeOf<typeof StoreConfig>

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
    hostId: t.string,
    auth: t.partial({ timestampWindowSeconds: t.number, maxNonces: t.number }),
    http: t.partial({ maxBodyBytes: t.number }),
    scheduler: t.partial({
      enabled: t.boolean,
      /** TESTS AND DEMOS ONLY (KMS_ROTATION_UNIT): rotation intervals count these units instead of days. */
      rotationUnit: t.keyof({ day: null, hour: null, minute: null, second: null }),
      schedules: t.partial({ rotateDueKeys: t.string, deleteExpiredPendingKeys: t.string, expireImportedMaterial: t.string }),
      timezone: t.string,
    }),
  }),
])
export type AppConfig = t.TypeOf<typeof AppConfig>

/** Every key a config file may hold at the top level: a misspelt key is an error, not a silent default. */
const KNOWN = ['dataDir', 'listen', 'accountId', 'region', 'instances', 'accessKeys', 'store', 'hostId', 'auth', 'http', 'scheduler']

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
  for (const k of c.accessKeys) {
    if (k.accountId !== undefined && !ACCOUNT.test(k.accountId)) return E.left(`access key ${k.accessKeyId}: accountId is digits`)
    if (k.accessKeySecret.length < 16) return E.left(`access key ${k.accessKeyId}: the secret must be at least 16 characters`)
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
    if (i.pkcs11 && (i.pkcs11.pin === undefined) === (i.pkcs11.pinEnv === undefined))
      return E.left(`instance ${i.instanceId}: give the token PIN as "pinEnv" (an environment variable's name) or "pin", exactly one`)
  }
  const defaults = new Map<string, number>()
  for (const i of c.instances) if (i.default) defaults.set(i.accountId ?? c.accountId, (defaults.get(i.accountId ?? c.accountId) ?? 0) + 1)
  for (const [account, n] of defaults) if (n > 1) return E.left(`account ${account} has ${n} default instances; at most one`)
  return E.right(c)
}
