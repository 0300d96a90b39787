import * as E from 'fp-ts/lib/Either.js'
import { invalidParameter } from '../../../domain/errors.ts'
import type { RecordedEvent } from '../../../domain/events/envelope.ts'
import { keyStreamId, keyUsageStreamId } from '../../../domain/key/index.ts'
import { keyHistory } from '../../../projections/audit/history.ts'
import type { KeyLastCall } from '../../../projections/queries.ts'
import { complianceReport } from '../../../projections/reports/index.ts'
import { integerIn, paging, requiredString, type Decoded } from '../wire/fields.ts'
import type { Params } from '../wire/params.ts'
import { apiDate } from '../wire/response.ts'
import { fields, type ActionContext, type ActionHandler, type ActionTable, type ApiServices } from './action.ts'
import { resolveKey } from './key-ref.ts'

// keyledger's own actions (DESIGN §7; docs/http-api.md "keyledger actions"), signed and authorized like the
// API's own reads: DescribeKeyAssociations, GetKeyLastCallTime and ListKeyHistory on a key (its policy decides,
// `kms:Describe*`/`kms:Get*`/`kms:List*` of a console administrator include them), GetComplianceReport on the
// caller's account. Nothing here can carry material: events hold none, and the answers are built from events.

const keyOf = async (ctx: ActionContext, s: ApiServices) => {
  const ref = requiredString(ctx.params, 'KeyId')
  if (E.isLeft(ref)) return ref
  return resolveKey(ctx, s, ref.right, { alias: true })
}

const lastCallFields = (l: KeyLastCall) => ({
  KeyId: l.keyId,
  Status: l.status,
  // S-10.3: empty unless the last call lies within 365 days of the request's time.
  LastCallTime: apiDate(l.lastCallTime),
  TrackingSince: apiDate(l.trackingSince),
})

/** S-10: which products (caller services) and resources call the key, and when each last did. */
const describeKeyAssociations: ActionHandler = async (ctx, s) => {
  const key = await keyOf(ctx, s)
  if (E.isLeft(key)) return key
  // Crypto calls do not wait for the usage view (their answers would carry a read-store commit); a usage query
  // waits instead, for every call answered before it was asked.
  await s.readModels.catchUp()
  const a = await s.readModels.usage.describeKeyAssociations(key.right.keyId, ctx.command.now)
  return E.right({
    ...lastCallFields(a),
    Products: {
      Product: a.products.map((p) => ({
        Service: p.service, LastCallTime: apiDate(p.lastCallTime), Calls: p.calls,
        Resources: { Resource: p.resources.map((r) => ({ Resource: r.resource, LastCallTime: apiDate(r.lastCallTime), Calls: r.calls })) },
      })),
    },
  })
}

const getKeyLastCallTime: ActionHandler = async (ctx, s) => {
  const key = await keyOf(ctx, s)
  if (E.isLeft(key)) return key
  await s.readModels.catchUp()
  return E.right(lastCallFields(await s.readModels.usage.getKeyLastCallTime(key.right.keyId, ctx.command.now)))
}

/** The key's lifecycle, its calls and the alias events that named it, in store order, a page at a time. */
const listKeyHistory: ActionHandler = async (ctx, s) => {
  const f = fields({ page: paging(ctx.params) })
  if (E.isLeft(f)) return f
  const key = await keyOf(ctx, s)
  if (E.isLeft(key)) return key
  const k = key.right
  // The alias streams of the key's own account only: an alias names keys of its own account (S-3.1).
  const events = [
    ...(await s.store.readStream(keyStreamId(k.keyId))),
    ...(await s.store.readStream(keyUsageStreamId(k.keyId))),
    ...(await s.store.readAll({ streamPrefixes: [`alias-${k.accountId}.${k.region}.`] })),
  ]
  const all = keyHistory(k.keyId, events)
  const { pageNumber, pageSize } = f.right.page
  return E.right({
    KeyId: k.keyId,
    Events: {
      Event: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((e) => ({
        Type: e.type, Time: e.occurredAt, Principal: e.principal, SourceIp: e.sourceIp ?? '', RequestId: e.requestId,
        Detail: e.detail, Stream: e.streamId, Revision: e.revision, Position: e.position,
      })),
    },
    PageNumber: pageNumber, PageSize: pageSize, TotalCount: all.length,
  })
}

const instant = (p: Params, name: string): Decoded<Date | undefined> => {
  const v = p.get(name)
  if (v === undefined || v === '') return E.right(undefined)
  const t = Date.parse(v)
  return /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(t) ? E.right(new Date(t)) : E.left(invalidParameter(name, 'An ISO 8601 instant, e.g. 2025-01-31T00:00:00Z.'))
}

const tagKeyList = (p: Params, name: string): Decoded<string[] | undefined> => {
  const v = p.get(name)
  if (v === undefined || v.trim() === '') return E.right(undefined)
  const keys = v.split(',').map((x) => x.trim()).filter((x) => x !== '')
  return keys.length > 0 && keys.length <= 20 ? E.right(keys) : E.left(invalidParameter(name, 'Comma-separated tag keys, at most 20.'))
}

/**
 * The events of the caller's account: its keys' lifecycle and usage streams (and those of keys it co-owns
 * through a shared instance, S-5.1), and its aliases. Another account's keys never reach its report.
 */
const accountEvents = (events: readonly RecordedEvent[], accountId: string, coOwnedInstanceIds: readonly string[]): RecordedEvent[] => {
  const keys = new Set<string>()
  for (const e of events) {
    if (e.type !== 'KeyCreated' || !e.streamId.startsWith('key-')) continue
    const d = e.data as { keyId?: unknown; accountId?: unknown; instanceId?: unknown }
    if (typeof d.keyId === 'string' && (d.accountId === accountId || coOwnedInstanceIds.includes(d.instanceId as string))) keys.add(d.keyId)
  }
  return events.filter((e) => {
    const dash = e.streamId.indexOf('-')
    const category = e.streamId.slice(0, dash)
    const id = e.streamId.slice(dash + 1)
    return ((category === 'key' || category === 'keyusage') && keys.has(id)) || (category === 'alias' && id.startsWith(`${accountId}.`))
  })
}

/** A compliance report over the caller's account (projections/reports), now or as of `At`; rows as JSON. */
const getComplianceReport: ActionHandler = async (ctx, s) => {
  const p = ctx.params
  const f = fields({
    name: requiredString(p, 'ReportName'),
    at: instant(p, 'At'),
    days: p.get('Days') === undefined ? E.right(undefined) : integerIn(p, 'Days', 1, 3660, 90),
    requireTags: tagKeyList(p, 'RequireTags'),
  })
  if (E.isLeft(f)) return f
  const v = f.right
  const accountId = ctx.caller.accountId
  const coOwned = s.deployment.instances.filter((i) => i.accountId === accountId && (i.sharedWith ?? []).length > 0).map((i) => i.instanceId)
  // Folded from the events, not a read model, so that `At` shows the past truth; the cost is one read of the log.
  const r = complianceReport(v.name, {
    events: accountEvents(await s.store.readAll(), accountId, coOwned), now: ctx.command.now,
    ...(v.at ? { at: v.at } : {}), ...(v.days !== undefined ? { days: v.days } : {}), ...(v.requireTags ? { requireTags: v.requireTags } : {}),
  })
  if (E.isLeft(r)) return r
  const t = r.right
  return E.right({
    ReportName: t.name, Title: t.title, At: t.at,
    Columns: { Column: [...t.columns] },
    Rows: { Row: t.rows.map((row) => ({ ...row })) },
    TotalCount: t.rows.length,
    Notes: { Note: [...t.notes] },
  })
}

export const ledgerActions: ActionTable = {
  DescribeKeyAssociations: describeKeyAssociations,
  GetKeyLastCallTime: getKeyLastCallTime,
  ListKeyHistory: listKeyHistory,
  GetComplianceReport: getComplianceReport,
}
