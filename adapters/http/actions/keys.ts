import * as E from 'fp-ts/lib/Either.js'
import { invalidParameter, missingParameter, notFound, type KmsError } from '../../../domain/errors.ts'
import type { KeyCommand } from '../../../domain/key/index.ts'
import { BYPASS_PARAMETER, guardNewKeyPolicy } from '../../../application/access/policy-lockout.ts'
import { parseDescription } from '../../../domain/values/description.ts'
import { defaultKeyPolicy, parseKeyPolicy } from '../../../domain/values/key-policy.ts'
import { KeySpec, KeyUsage, Origin, ProtectionLevel, type KeyKind } from '../../../domain/values/key-spec.ts'
import { parsePendingWindow } from '../../../domain/values/pending-window.ts'
import { parseRotationInterval } from '../../../domain/values/rotation-interval.ts'
import { optionalBoolean, optionalEnum, optionalString, paging, requiredBoolean, requiredString, type Decoded } from '../wire/fields.ts'
import { tags } from '../wire/structured.ts'
import { done, fields, keyRequest, type ActionContext, type ActionHandler, type ActionTable, type ApiServices } from './action.ts'
import { keyFilters } from './key-filters.ts'
import { keyMetadata } from './key-metadata.ts'
import { resolveKey } from '../../../application/access/key-access.ts'

// Key lifecycle actions (API reference §1.3 "Key lifecycle"): decode, resolve the key, run one command.

const optionalMap = <A, B>(d: Decoded<A | undefined>, f: (a: A) => E.Either<KmsError, B>): Decoded<B | undefined> =>
  E.isLeft(d) ? d : d.right === undefined ? E.right(undefined) : f(d.right)

/** Runs one command on the key named by KeyId (a key id or key ARN; aliases where `alias` says so). */
export const onKey = (command: (ctx: ActionContext) => Decoded<KeyCommand>, alias = false): ActionHandler =>
  async (ctx, s) => {
    const ref = requiredString(ctx.params, 'KeyId')
    if (E.isLeft(ref)) return ref
    const cmd = command(ctx)
    if (E.isLeft(cmd)) return cmd
    const key = await resolveKey(keyRequest(ctx, s), s.keys, ref.right, { alias })
    if (E.isLeft(key)) return key
    const r = await s.keys.execute(key.right.keyId, cmd.right, ctx.command)
    return E.isLeft(r) ? r : done
  }

const now = (ctx: ActionContext): string => ctx.command.now.toISOString()

/** Without DKMSInstanceId a key goes to the account's default instance, else it is the region's default key (S-1.2). */
const placement = (ctx: ActionContext, s: ApiServices, requested: string | undefined): Decoded<{ kind: KeyKind; instanceId: string | null }> => {
  const instanceId = requested ?? s.deployment.defaultInstanceOf(ctx.caller.accountId)
  if (instanceId === undefined || instanceId === '') return E.right({ kind: 'default', instanceId: null })
  // S-5.1: an instance shared with the caller's account takes its keys too (co-owned with the instance's owner).
  const caller = ctx.caller.accountId
  const instance = s.deployment.instances.find((i) => i.instanceId === instanceId && (i.accountId === caller || (i.sharedWith ?? []).includes(caller)))
  return instance
    ? E.right({ kind: instance.kind, instanceId })
    : E.left(notFound('Forbidden.ResourceNotFound', `The KMS instance ${instanceId} is not found.`))
}

const createKey: ActionHandler = async (ctx, s) => {
  const p = ctx.params
  const f = fields({
    instanceId: optionalString(p, 'DKMSInstanceId'),
    spec: optionalEnum(p, 'KeySpec', KeySpec, 'Aliyun_AES_256'),
    usage: optionalEnum(p, 'KeyUsage', KeyUsage, null),
    origin: optionalEnum(p, 'Origin', Origin, 'Aliyun_KMS'),
    protectionLevel: optionalEnum(p, 'ProtectionLevel', ProtectionLevel, 'SOFTWARE'),
    description: optionalMap(optionalString(p, 'Description'), (d) => parseDescription(d)),
    enableRotation: optionalBoolean(p, 'EnableAutomaticRotation'),
    interval: optionalMap(optionalString(p, 'RotationInterval'), (t) => (t === '' ? E.right(undefined) : parseRotationInterval(t))),
    tags: tags(p, 'Tags'),
    policy: optionalMap(optionalString(p, 'Policy'), (t) => parseKeyPolicy(t)),
    externalKeyId: optionalString(p, 'ExternalKeyId'),
    bypassLockoutCheck: optionalBoolean(p, BYPASS_PARAMETER),
  })
  if (E.isLeft(f)) return f
  const v = f.right
  const service = s.deployment.serviceOf(ctx.caller.principal)
  if (service !== undefined) return createServiceKey(ctx, s, service, v)
  const where = placement(ctx, s, v.instanceId === '' ? undefined : v.instanceId)
  if (E.isLeft(where)) return where
  const accountId = ctx.caller.accountId
  // Absent switch and interval: the console default (S-4.1); an interval alone means rotation on.
  const rotation = v.enableRotation === undefined && v.interval === undefined
    ? null
    : { enabled: v.enableRotation ?? true, intervalSeconds: v.interval ?? null }
  if (v.policy !== undefined) {
    const safe = guardNewKeyPolicy(s.deployment.region, accountId, v.policy, ctx.caller.principal, v.bypassLockoutCheck ?? false)
    if (E.isLeft(safe)) return safe
  }
  const policy = JSON.stringify(v.policy ?? defaultKeyPolicy(accountId))
  const create = () => s.keys.createKey({
    accountId, region: s.deployment.region, kind: where.right.kind, instanceId: where.right.instanceId,
    externalKeyId: v.externalKeyId ?? null, spec: v.spec, usage: v.usage, origin: v.origin,
    protectionLevel: v.protectionLevel, description: v.description ?? '', creator: accountId, rotation,
    policy, tags: v.tags ?? [],
  }, ctx.command)
  // S-5.4: a policy given at creation counts against the instance's quota like SetKeyPolicy (the default names no other account).
  const created = v.policy === undefined
    ? await create()
    : await s.quota.withinQuota({
      keyId: `(new key ${ctx.requestId})`, ownerAccountId: accountId, instanceId: where.right.instanceId, policy, now: ctx.command.now,
    }, create)
  return E.isLeft(created) ? created : E.right({ KeyMetadata: keyMetadata(created.right.state, s.deployment.rotationUnit) })
}

/**
 * S-1.1: a cloud service's CreateKey makes its service key (application/key-service.ts createServiceKey): a default
 * key of the fixed kind, so what a user could choose (instance, spec, origin, policy, tags) is refused, not ignored.
 */
const createServiceKey = async (
  ctx: ActionContext, s: ApiServices, service: string,
  v: { instanceId?: string | undefined; spec: string; origin: string; policy?: unknown; tags?: readonly unknown[] | undefined; description?: string | undefined; externalKeyId?: string | undefined },
): Promise<Decoded<Record<string, unknown>>> => {
  const chosen = [
    ['DKMSInstanceId', v.instanceId !== undefined && v.instanceId !== ''], ['KeySpec', v.spec !== 'Aliyun_AES_256'], ['Origin', v.origin !== 'Aliyun_KMS'],
    ['Policy', v.policy !== undefined], ['Tags', (v.tags ?? []).length > 0], ['ExternalKeyId', v.externalKeyId !== undefined],
  ] as const
  const refused = chosen.find(([, given]) => given)
  if (refused) return E.left(invalidParameter(refused[0], `S-1.1: a service key is a default key (Aliyun_AES_256, KMS-made material, the service-key policy, no tags); ${service} cannot choose its ${refused[0]}.`))
  const created = await s.keys.createServiceKey({ accountId: ctx.caller.accountId, region: s.deployment.region, service, description: v.description ?? '' }, ctx.command)
  return E.isLeft(created) ? created : E.right({ KeyMetadata: keyMetadata(created.right.state, s.deployment.rotationUnit) })
}

const describeKey: ActionHandler = async (ctx, s) => {
  const ref = requiredString(ctx.params, 'KeyId')
  if (E.isLeft(ref)) return ref
  const key = await resolveKey(keyRequest(ctx, s), s.keys, ref.right, { alias: true })
  return E.isLeft(key) ? key : E.right({ KeyMetadata: keyMetadata(key.right, s.deployment.rotationUnit) })
}

/**
 * ListKeys from the key catalogue (read model): the caller's account's keys in this region, plus the keys other
 * accounts created in instances the caller's account owns and shares (S-5.1: co-owned). Oldest first.
 */
const listKeys: ActionHandler = async (ctx, s) => {
  const f = fields({ page: paging(ctx.params), filters: keyFilters(ctx.params) })
  if (E.isLeft(f)) return f
  const { pageNumber, pageSize } = f.right.page
  const accountId = ctx.caller.accountId
  const coOwnedInstanceIds = s.deployment.instances
    .filter((i) => i.accountId === accountId && (i.sharedWith ?? []).length > 0).map((i) => i.instanceId)
  const r = await s.readModels.catalogue.listKeys({
    filters: { ...f.right.filters.filters, accountId, region: s.deployment.region, ...(coOwnedInstanceIds.length ? { coOwnedInstanceIds } : {}) },
    pageNumber, pageSize,
  })
  return E.right({ Keys: { Key: r.keys }, PageNumber: pageNumber, PageSize: pageSize, TotalCount: r.totalCount })
}

/** SetDeletionProtection names its key by KeyId or by ProtectedResourceArn (the key ARN, API reference §5.3). */
const setDeletionProtection: ActionHandler = async (ctx, s) => {
  const p = ctx.params
  const ref = p.get('KeyId') || p.get('ProtectedResourceArn')
  if (!ref) return E.left(invalidParameter('KeyId', 'Give KeyId or ProtectedResourceArn.'))
  const f = fields({
    enable: requiredBoolean(p, 'EnableDeletionProtection'),
    description: optionalMap(optionalString(p, 'DeletionProtectionDescription'), (d) => parseDescription(d, 'DeletionProtectionDescription')),
  })
  if (E.isLeft(f)) return f
  const key = await resolveKey(keyRequest(ctx, s), s.keys, ref, { alias: false, name: p.get('KeyId') ? 'KeyId' : 'ProtectedResourceArn' })
  if (E.isLeft(key)) return key
  const r = await s.keys.execute(key.right.keyId, {
    type: 'SetDeletionProtection', now: now(ctx), enable: f.right.enable, description: f.right.enable ? f.right.description ?? '' : '',
  }, ctx.command)
  return E.isLeft(r) ? r : done
}

export const keyActions: ActionTable = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  ListKeys: listKeys,
  EnableKey: onKey((ctx) => E.right({ type: 'EnableKey', now: now(ctx) })),
  DisableKey: onKey((ctx) => E.right({ type: 'DisableKey', now: now(ctx) })),
  ScheduleKeyDeletion: onKey((ctx) => {
    const days = requiredString(ctx.params, 'PendingWindowInDays')
    return E.isLeft(days) ? days : E.map((n: number): KeyCommand => ({ type: 'ScheduleKeyDeletion', now: now(ctx), pendingWindowInDays: n }))(parsePendingWindow(days.right))
  }),
  CancelKeyDeletion: onKey((ctx) => E.right({ type: 'CancelKeyDeletion', now: now(ctx) })),
  SetDeletionProtection: setDeletionProtection,
  UpdateKeyDescription: onKey((ctx) => {
    // Description is required but may be empty (to clear it): only its absence is refused.
    const text = ctx.params.get('Description')
    if (text === undefined) return E.left(missingParameter('Description'))
    return E.map((d: string): KeyCommand => ({ type: 'UpdateKeyDescription', now: now(ctx), description: d }))(parseDescription(text))
  }),
  UpdateRotationPolicy: onKey((ctx) => {
    const f = fields({
      enable: requiredBoolean(ctx.params, 'EnableAutomaticRotation'),
      interval: optionalMap(optionalString(ctx.params, 'RotationInterval'), (t) => (t === '' ? E.right(undefined) : parseRotationInterval(t))),
    })
    return E.map((v: { enable: boolean; interval: number | undefined }): KeyCommand =>
      ({ type: 'UpdateRotationPolicy', now: now(ctx), enable: v.enable, intervalSeconds: v.interval ?? null }))(f)
  }),
}
