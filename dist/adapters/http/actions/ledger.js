import * as E from 'fp-ts/lib/Either.js';
import { badRequest, invalidParameter } from "../../../domain/errors.js";
import { keyStreamId, keyUsageStreamId } from "../../../domain/key/index.js";
import { keyHistory } from "../../../projections/audit/history.js";
import { complianceReport } from "../../../projections/reports/index.js";
import { decodeParam } from "../../../domain/values/decode.js";
import { Instant } from "../../../domain/values/instant.js";
import { TagKey } from "../../../domain/values/tags.js";
import { integerIn, paging, requiredString } from "../wire/fields.js";
import { apiDate } from "../wire/response.js";
import { fields, keyRequest } from "./action.js";
import { resolveKey } from "../../../application/access/key-access.js";
// keyledger's own actions (docs/architecture.md §7; docs/http-api.md "keyledger actions"), signed and authorized like the
// API's own reads: DescribeKeyAssociations, GetKeyLastCallTime and ListKeyHistory on a key (its policy decides,
// `kms:Describe*`/`kms:Get*`/`kms:List*` of a console administrator include them), GetComplianceReport on the
// caller's account. Nothing here can carry material: events hold none, and the answers are built from events.
const keyOf = async (ctx, s) => {
    const ref = requiredString(ctx.params, 'KeyId');
    if (E.isLeft(ref))
        return ref;
    return resolveKey(keyRequest(ctx, s), s.keys, ref.right, { alias: true });
};
const lastCallFields = (l) => ({
    KeyId: l.keyId,
    Status: l.status,
    // S-10.3: empty unless the last call lies within 365 days of the request's time.
    LastCallTime: apiDate(l.lastCallTime),
    TrackingSince: apiDate(l.trackingSince),
});
/** S-10: which products (caller services) and resources call the key, and when each last did. */
const describeKeyAssociations = async (ctx, s) => {
    const key = await keyOf(ctx, s);
    if (E.isLeft(key))
        return key;
    // Crypto calls do not wait for the usage view (their answers would carry a read-store commit); a usage query
    // waits instead, for every call answered before it was asked.
    await s.readModels.catchUp();
    const a = await s.readModels.usage.describeKeyAssociations(key.right.keyId, ctx.command.now);
    return E.right({
        ...lastCallFields(a),
        Products: {
            Product: a.products.map((p) => ({
                Service: p.service, LastCallTime: apiDate(p.lastCallTime), Calls: p.calls,
                Resources: { Resource: p.resources.map((r) => ({ Resource: r.resource, LastCallTime: apiDate(r.lastCallTime), Calls: r.calls })) },
            })),
        },
    });
};
const getKeyLastCallTime = async (ctx, s) => {
    const key = await keyOf(ctx, s);
    if (E.isLeft(key))
        return key;
    await s.readModels.catchUp();
    return E.right(lastCallFields(await s.readModels.usage.getKeyLastCallTime(key.right.keyId, ctx.command.now)));
};
/**
 * What one keyledger call may read from the event store. Beyond, a clear error names the CLI, which reads the
 * store directly (`keyledger audit history`, `keyledger report`) and is not exposed to the network.
 */
export const HISTORY_WINDOW = 10_000;
export const ALIAS_SCAN_LIMIT = 50_000;
export const REPORT_EVENT_LIMIT = 200_000;
const ALIAS_PAGE = 1_000;
const tooMuch = (what) => badRequest('Rejected.LimitExceeded', `${what}; run it on the server with the keyledger CLI instead.`);
/** The alias events of the key's account and region that name the key, scanned in bounded pages. */
const aliasEventsNaming = async (s, k) => {
    // The alias streams of the key's own account only: an alias names keys of its own account (S-3.1).
    const prefix = `alias-${k.accountId}.${k.region}.`;
    const out = [];
    let after = 0;
    for (let scanned = 0;;) {
        const page = await s.store.readAll({ after, limit: ALIAS_PAGE, streamPrefixes: [prefix] });
        scanned += page.length;
        out.push(...page.filter((e) => keyHistory(k.keyId, [e]).length > 0));
        if (page.length < ALIAS_PAGE)
            return E.right(out);
        if (scanned >= ALIAS_SCAN_LIMIT)
            return E.left(tooMuch(`The account's alias history holds more than ${ALIAS_SCAN_LIMIT} events`));
        after = page[page.length - 1].position;
    }
};
/**
 * The key's lifecycle, its calls and the alias events that named it, in store order, a page at a time. Each
 * stream is read only as far as the page reaches (the first M events of each source hold the first M of their
 * merge), so a key with millions of calls costs a page, not its whole usage stream; pages reach at most
 * HISTORY_WINDOW events deep. TotalCount comes from the stream-heads view, without reading.
 */
const listKeyHistory = async (ctx, s) => {
    const f = fields({ page: paging(ctx.params) });
    if (E.isLeft(f))
        return f;
    const key = await keyOf(ctx, s);
    if (E.isLeft(key))
        return key;
    const k = key.right;
    const { pageNumber, pageSize } = f.right.page;
    const reach = pageNumber * pageSize;
    if (reach > HISTORY_WINDOW)
        return E.left(tooMuch(`ListKeyHistory pages through the first ${HISTORY_WINDOW} events of a key (PageNumber × PageSize ≤ ${HISTORY_WINDOW}); \`keyledger audit history\` lists all`));
    const aliases = await aliasEventsNaming(s, k);
    if (E.isLeft(aliases))
        return aliases;
    const lifecycle = await s.store.readStream(keyStreamId(k.keyId), 0, reach);
    const usage = await s.store.readStream(keyUsageStreamId(k.keyId), 0, reach);
    const merged = keyHistory(k.keyId, [...lifecycle, ...usage, ...aliases.right]).slice(0, reach);
    await s.readModels.catchUp();
    // Each source counted whole when it was read to its end, else from the view (which may lag, never exceed).
    const count = (events, streamId) => events.length < reach ? events.length : Math.max(events.length, s.readModels.streamLength(streamId));
    const total = count(lifecycle, keyStreamId(k.keyId)) + count(usage, keyUsageStreamId(k.keyId)) + aliases.right.length;
    return E.right({
        KeyId: k.keyId,
        Events: {
            Event: merged.slice((pageNumber - 1) * pageSize, reach).map((e) => ({
                Type: e.type, Time: e.occurredAt, Principal: e.principal, SourceIp: e.sourceIp ?? '', RequestId: e.requestId,
                Detail: e.detail, Stream: e.streamId, Revision: e.revision, Position: e.position,
            })),
        },
        PageNumber: pageNumber, PageSize: pageSize, TotalCount: total,
    });
};
const instant = (p, name) => {
    const v = p.get(name);
    if (v === undefined || v === '')
        return E.right(undefined);
    return decodeParam(Instant, name)(v);
};
const tagKeyList = (p, name) => {
    const v = p.get(name);
    if (v === undefined || v.trim() === '')
        return E.right(undefined);
    const keys = v.split(',').map((x) => x.trim()).filter((x) => x !== '');
    if (keys.length === 0 || keys.length > 20)
        return E.left(invalidParameter(name, 'Comma-separated tag keys, at most 20.'));
    const bad = keys.find((k) => !TagKey.is(k));
    return bad === undefined ? E.right(keys) : E.left(invalidParameter(name, 'Each tag key is 1 to 128 letters, digits, spaces or / \\ _ - . + = : @.'));
};
const ALL_STATES = ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport', 'Deleted'];
/**
 * The events of the caller's account, read key by key: the keys come from the key catalogue (its own keys and
 * those of instances it owns and shares, S-5.1; deleted ones too, for the inventory), then each key's lifecycle
 * and usage streams, never the whole log. Another account's keys never reach its report. At most
 * REPORT_EVENT_LIMIT events are read; beyond, a clear error.
 */
const accountEvents = async (s, accountId, coOwnedInstanceIds) => {
    await s.readModels.catchUp();
    const keyIds = [];
    for (let pageNumber = 1;; pageNumber++) {
        const page = await s.readModels.catalogue.listKeys({
            filters: { accountId, coOwnedInstanceIds, states: [...ALL_STATES] }, pageNumber, pageSize: 100,
        });
        keyIds.push(...page.keys.map((r) => r.KeyId));
        if (page.keys.length < 100 || keyIds.length >= page.totalCount)
            break;
    }
    const events = [];
    for (const keyId of keyIds) {
        for (const stream of [keyStreamId(keyId), keyUsageStreamId(keyId)]) {
            const room = REPORT_EVENT_LIMIT - events.length;
            const read = await s.store.readStream(stream, 0, room + 1);
            if (read.length > room)
                return E.left(tooMuch(`The account's keys hold more than ${REPORT_EVENT_LIMIT} events, more than one GetComplianceReport may read`));
            events.push(...read);
        }
    }
    return E.right(events.sort((a, b) => a.position - b.position));
};
/** A compliance report over the caller's account (projections/reports), now or as of `At`; rows as JSON. */
const getComplianceReport = async (ctx, s) => {
    const p = ctx.params;
    const f = fields({
        name: requiredString(p, 'ReportName'),
        at: instant(p, 'At'),
        days: p.get('Days') === undefined ? E.right(undefined) : integerIn(p, 'Days', 1, 3660, 90),
        requireTags: tagKeyList(p, 'RequireTags'),
    });
    if (E.isLeft(f))
        return f;
    const v = f.right;
    const accountId = ctx.caller.accountId;
    const coOwned = s.deployment.instances.filter((i) => i.accountId === accountId && (i.sharedWith ?? []).length > 0).map((i) => i.instanceId);
    // Folded from the account's own streams (bounded), not a read model, so that `At` shows the past truth.
    const events = await accountEvents(s, accountId, coOwned);
    if (E.isLeft(events))
        return events;
    const r = complianceReport(v.name, {
        events: events.right, now: ctx.command.now,
        ...(v.at ? { at: v.at } : {}), ...(v.days !== undefined ? { days: v.days } : {}), ...(v.requireTags ? { requireTags: v.requireTags } : {}),
    });
    if (E.isLeft(r))
        return r;
    const t = r.right;
    return E.right({
        ReportName: t.name, Title: t.title, At: t.at,
        Columns: { Column: [...t.columns] },
        Rows: { Row: t.rows.map((row) => ({ ...row })) },
        TotalCount: t.rows.length,
        Notes: { Note: [...t.notes] },
    });
};
export const ledgerActions = {
    DescribeKeyAssociations: describeKeyAssociations,
    GetKeyLastCallTime: getKeyLastCallTime,
    ListKeyHistory: listKeyHistory,
    GetComplianceReport: getComplianceReport,
};
