import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter, missingParameter, notFound } from "../../../domain/errors.js";
import { BYPASS_PARAMETER, guardNewKeyPolicy } from "../../../application/access/policy-lockout.js";
import { parseDescription } from "../../../domain/values/description.js";
import { defaultKeyPolicy, parseKeyPolicy } from "../../../domain/values/key-policy.js";
import { KeySpec, KeyUsage, Origin, ProtectionLevel } from "../../../domain/values/key-spec.js";
import { parsePendingWindow } from "../../../domain/values/pending-window.js";
import { parseRotationInterval } from "../../../domain/values/rotation-interval.js";
import { optionalBoolean, optionalEnum, optionalString, paging, requiredBoolean, requiredString } from "../wire/fields.js";
import { tags } from "../wire/structured.js";
import { done, fields, keyRequest } from "./action.js";
import { keyFilters } from "./key-filters.js";
import { keyMetadata } from "./key-metadata.js";
import { resolveKey } from "../../../application/access/key-access.js";
// Key lifecycle actions (API reference §1.3 "Key lifecycle"): decode, resolve the key, run one command.
const optionalMap = (d, f) => E.isLeft(d) ? d : d.right === undefined ? E.right(undefined) : f(d.right);
/** Runs one command on the key named by KeyId (a key id or key ARN; aliases where `alias` says so). */
export const onKey = (command, alias = false) => async (ctx, s) => {
    const ref = requiredString(ctx.params, 'KeyId');
    if (E.isLeft(ref))
        return ref;
    const cmd = command(ctx);
    if (E.isLeft(cmd))
        return cmd;
    const key = await resolveKey(keyRequest(ctx, s), s.keys, ref.right, { alias });
    if (E.isLeft(key))
        return key;
    const r = await s.keys.execute(key.right.keyId, cmd.right, ctx.command);
    return E.isLeft(r) ? r : done;
};
const now = (ctx) => ctx.command.now.toISOString();
/** Without DKMSInstanceId a key goes to the account's default instance, else it is the region's default key (S-1.2). */
const placement = (ctx, s, requested) => {
    const instanceId = requested ?? s.deployment.defaultInstanceOf(ctx.caller.accountId);
    if (instanceId === undefined || instanceId === '')
        return E.right({ kind: 'default', instanceId: null });
    // S-5.1: an instance shared with the caller's account takes its keys too (co-owned with the instance's owner).
    const caller = ctx.caller.accountId;
    const instance = s.deployment.instances.find((i) => i.instanceId === instanceId && (i.accountId === caller || (i.sharedWith ?? []).includes(caller)));
    return instance
        ? E.right({ kind: instance.kind, instanceId })
        : E.left(notFound('Forbidden.ResourceNotFound', `The KMS instance ${instanceId} is not found.`));
};
const createKey = async (ctx, s) => {
    const p = ctx.params;
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
    });
    if (E.isLeft(f))
        return f;
    const v = f.right;
    const where = placement(ctx, s, v.instanceId === '' ? undefined : v.instanceId);
    if (E.isLeft(where))
        return where;
    const accountId = ctx.caller.accountId;
    // Absent switch and interval: the console default (S-4.1); an interval alone means rotation on.
    const rotation = v.enableRotation === undefined && v.interval === undefined
        ? null
        : { enabled: v.enableRotation ?? true, intervalSeconds: v.interval ?? null };
    if (v.policy !== undefined) {
        const safe = guardNewKeyPolicy(s.deployment.region, accountId, v.policy, ctx.caller.principal, v.bypassLockoutCheck ?? false);
        if (E.isLeft(safe))
            return safe;
    }
    const policy = JSON.stringify(v.policy ?? defaultKeyPolicy(accountId));
    const create = () => s.keys.createKey({
        accountId, region: s.deployment.region, kind: where.right.kind, instanceId: where.right.instanceId,
        externalKeyId: v.externalKeyId ?? null, spec: v.spec, usage: v.usage, origin: v.origin,
        protectionLevel: v.protectionLevel, description: v.description ?? '', creator: accountId, rotation,
        policy, tags: v.tags ?? [],
    }, ctx.command);
    // S-5.4: a policy given at creation counts against the instance's quota like SetKeyPolicy (the default names no other account).
    const created = v.policy === undefined
        ? await create()
        : await s.quota.withinQuota({
            keyId: `(new key ${ctx.requestId})`, ownerAccountId: accountId, instanceId: where.right.instanceId, policy, now: ctx.command.now,
        }, create);
    return E.isLeft(created) ? created : E.right({ KeyMetadata: keyMetadata(created.right.state, s.deployment.rotationUnit) });
};
const describeKey = async (ctx, s) => {
    const ref = requiredString(ctx.params, 'KeyId');
    if (E.isLeft(ref))
        return ref;
    const key = await resolveKey(keyRequest(ctx, s), s.keys, ref.right, { alias: true });
    return E.isLeft(key) ? key : E.right({ KeyMetadata: keyMetadata(key.right, s.deployment.rotationUnit) });
};
/**
 * ListKeys from the key catalogue (read model): the caller's account's keys in this region, plus the keys other
 * accounts created in instances the caller's account owns and shares (S-5.1: co-owned). Oldest first.
 */
const listKeys = async (ctx, s) => {
    const f = fields({ page: paging(ctx.params), filters: keyFilters(ctx.params) });
    if (E.isLeft(f))
        return f;
    const { pageNumber, pageSize } = f.right.page;
    const accountId = ctx.caller.accountId;
    const coOwnedInstanceIds = s.deployment.instances
        .filter((i) => i.accountId === accountId && (i.sharedWith ?? []).length > 0).map((i) => i.instanceId);
    const r = f.right.filters.anyMatch
        ? await s.readModels.catalogue.listKeys({
            filters: { ...f.right.filters.filters, accountId, region: s.deployment.region, ...(coOwnedInstanceIds.length ? { coOwnedInstanceIds } : {}) },
            pageNumber, pageSize,
        })
        : { keys: [], totalCount: 0 };
    return E.right({ Keys: { Key: r.keys }, PageNumber: pageNumber, PageSize: pageSize, TotalCount: r.totalCount });
};
/** SetDeletionProtection names its key by KeyId or by ProtectedResourceArn (the key ARN, API reference §5.3). */
const setDeletionProtection = async (ctx, s) => {
    const p = ctx.params;
    const ref = p.get('KeyId') || p.get('ProtectedResourceArn');
    if (!ref)
        return E.left(invalidParameter('KeyId', 'Give KeyId or ProtectedResourceArn.'));
    const f = fields({
        enable: requiredBoolean(p, 'EnableDeletionProtection'),
        description: optionalMap(optionalString(p, 'DeletionProtectionDescription'), (d) => parseDescription(d, 'DeletionProtectionDescription')),
    });
    if (E.isLeft(f))
        return f;
    const key = await resolveKey(keyRequest(ctx, s), s.keys, ref, { alias: false, name: p.get('KeyId') ? 'KeyId' : 'ProtectedResourceArn' });
    if (E.isLeft(key))
        return key;
    const r = await s.keys.execute(key.right.keyId, {
        type: 'SetDeletionProtection', now: now(ctx), enable: f.right.enable, description: f.right.enable ? f.right.description ?? '' : '',
    }, ctx.command);
    return E.isLeft(r) ? r : done;
};
export const keyActions = {
    CreateKey: createKey,
    DescribeKey: describeKey,
    ListKeys: listKeys,
    EnableKey: onKey((ctx) => E.right({ type: 'EnableKey', now: now(ctx) })),
    DisableKey: onKey((ctx) => E.right({ type: 'DisableKey', now: now(ctx) })),
    ScheduleKeyDeletion: onKey((ctx) => {
        const days = requiredString(ctx.params, 'PendingWindowInDays');
        return E.isLeft(days) ? days : E.map((n) => ({ type: 'ScheduleKeyDeletion', now: now(ctx), pendingWindowInDays: n }))(parsePendingWindow(days.right));
    }),
    CancelKeyDeletion: onKey((ctx) => E.right({ type: 'CancelKeyDeletion', now: now(ctx) })),
    SetDeletionProtection: setDeletionProtection,
    UpdateKeyDescription: onKey((ctx) => {
        // Description is required but may be empty (to clear it): only its absence is refused.
        const text = ctx.params.get('Description');
        if (text === undefined)
            return E.left(missingParameter('Description'));
        return E.map((d) => ({ type: 'UpdateKeyDescription', now: now(ctx), description: d }))(parseDescription(text));
    }),
    UpdateRotationPolicy: onKey((ctx) => {
        const f = fields({
            enable: requiredBoolean(ctx.params, 'EnableAutomaticRotation'),
            interval: optionalMap(optionalString(ctx.params, 'RotationInterval'), (t) => (t === '' ? E.right(undefined) : parseRotationInterval(t))),
        });
        return E.map((v) => ({ type: 'UpdateRotationPolicy', now: now(ctx), enable: v.enable, intervalSeconds: v.interval ?? null }))(f);
    }),
};
