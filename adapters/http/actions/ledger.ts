import * as E from 'fp-ts/lib/Either.js'
import { badRequest, invalidParameter, type KmsError } from '../../../domain/errors.ts'
import type { RecordedEvent } from '../../../domain/kernel/envelope.ts'
import { keyStreamId, keyUsageStreamId } from '../../../domain/key/index.ts'
import { keyHistory } from '../../../projections/audit/history.ts'
import type { KeyLastCall } from '../../../projections/queries.ts'
import { checkReportRequest } from '../../../projections/reports/index.ts'
import { decodeParam } from '../../../domain/values/decode.ts'
import { Instant } from '../../../domain/values/instant.ts'
import { TagKey } from '../../../domain/values/tags.ts'
import { integerIn, optionalString, paging, requiredString, type Decoded } from '../wire/fields.ts'
import { advance, decodeCursor, encodeCursor, START } from './history-cursor.ts'
import type { Params } from '../wire/params.ts'
import { apiDate } from '../wire/response.ts'
import { fields, keyRequest, type ActionContext, type ActionHandler, type ActionTable, type ApiServices } from './action.ts'
import { resolveKey } from '../../../application/access/key-access.ts'

// keyledger's own actions (docs/architecture.md §7; docs/http-api.md "keyledger actions"), signed and authorized like the
// API's own reads: DescribeKeyAssociations, GetKeyLastCallTime and ListKeyHistory on a key (its policy decides,
// `kms:Describe*`/`kms:Get*`/`kms:List*` of a console administrator include them), GetComplianceReport on the
// caller's account. Nothing here can carry material: events hold none, and the answers are built from events.

const keyOf = async (ctx: ActionContext, s: ApiServices) => {
  const ref = requiredString(ctx.params, 'KeyId')
  if (E.isLeft(ref)) return ref
  return resolveKey(keyRequest(ctx, s), s.keys, ref.right, { alias: true })
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

/**
 * What one keyledger call may read from the event store. Beyond, a clear error names the CLI, which reads the
 * store directly (`keyledger audit history`, `keyledger report`) and is not exposed to the network.
 */
export const HISTORY_WINDOW = 10_000
export const ALIAS_SCAN_LIMIT = 50_000
const ALIAS_PAGE = 1_000

const tooMuch = (what: string): KmsError =>
  badRequest('Rejected.LimitExceeded', `${what}; run it on the server with the keyledger CLI instead.`)

/** The alias events of the key's account and region that name the key, scanned in bounded pages. */
const aliasEventsNaming = async (s: ApiServices, k: { keyId: string; accountId: string; region: string }): Promise<E.Either<KmsError, RecordedEvent[]>> => {
  // The alias streams of the key's own account only: an alias names keys of its own account (S-3.1).
  const prefix = `alias-${k.accountId}.${k.region}.`
  const out: RecordedEvent[] = []
  let after = 0
  for (let scanned = 0; ;) {
    const page = await s.store.readAll({ after, limit: ALIAS_PAGE, streamPrefixes: [prefix] })
    scanned += page.length
    out.push(...page.filter((e) => keyHistory(k.keyId, [e]).length > 0))
    if (page.length < ALIAS_PAGE) return E.right(out)
    if (scanned >= ALIAS_SCAN_LIMIT) return E.left(tooMuch(`The account's alias history holds more than ${ALIAS_SCAN_LIMIT} events`))
    after = page[page.length - 1]!.position
  }
}

/**
 * The key's lifecycle, its calls and the alias events that named it, in store order, a page at a time. Each
 * stream is read only as far as the page reaches (the first M events of each source hold the first M of their
 * merge). PageNumber pages reach HISTORY_WINDOW events deep; NextToken (history-cursor.ts), answered with every
 * page that may have more, goes on from where a page ended, one page read per source however deep: any size of
 * history pages through. TotalCount comes from the stream-heads view, without reading.
 */
const listKeyHistory: ActionHandler = async (ctx, s) => {
  const f = fields({ page: paging(ctx.params), token: optionalString(ctx.params, 'NextToken') })
  if (E.isLeft(f)) return f
  const key = await keyOf(ctx, s)
  if (E.isLeft(key)) return key
  const k = key.right
  const { pageNumber, pageSize } = f.right.page
  const token = f.right.token
  const from = token ? decodeCursor(token, k.keyId) : E.right(START(k.keyId))
  if (E.isLeft(from)) return from
  const cursor = from.right
  const skip = token ? 0 : (pageNumber - 1) * pageSize
  const reach = skip + pageSize
  if (reach > HISTORY_WINDOW)
    return E.left(tooMuch(`PageNumber pages reach the first ${HISTORY_WINDOW} events of a key (PageNumber × PageSize ≤ ${HISTORY_WINDOW}); page on with NextToken, which reaches every event`))
  const aliases = await aliasEventsNaming(s, k)
  if (E.isLeft(aliases)) return aliases
  const lifecycle = await s.store.readStream(keyStreamId(k.keyId), cursor.lifecycle, reach)
  const usage = await s.store.readStream(keyUsageStreamId(k.keyId), cursor.usage, reach)
  const later = aliases.right.filter((e) => e.position > cursor.position)
  const merged = keyHistory(k.keyId, [...lifecycle, ...usage, ...later])
  const page = merged.slice(skip, reach)
  // More may follow when the merge held more than the page, or a stream filled its read (it may go on).
  const more = merged.length > reach || lifecycle.length === reach || usage.length === reach
  await s.readModels.catchUp()
  // Each source counted whole when it was read to its end, else from the view (which may lag, never exceed).
  const count = (events: readonly RecordedEvent[], start: number, streamId: string) =>
    events.length < reach ? start + events.length : Math.max(start + events.length, s.readModels.streamLength(streamId))
  const total = count(lifecycle, cursor.lifecycle, keyStreamId(k.keyId)) + count(usage, cursor.usage, keyUsageStreamId(k.keyId)) + aliases.right.length
  return E.right({
    KeyId: k.keyId,
    Events: {
      Event: page.map((e) => ({
        Type: e.type, Time: e.occurredAt, Principal: e.principal, SourceIp: e.sourceIp ?? '', RequestId: e.requestId,
        Detail: e.detail, Stream: e.streamId, Revision: e.revision, Position: e.position,
      })),
    },
    ...(token ? {} : { PageNumber: pageNumber }), PageSize: pageSize, TotalCount: total,
    ...(more && page.length > 0 ? { NextToken: encodeCursor(advance(cursor, merged.slice(0, reach))) } : {}),
  })
}

const instant = (p: Params, name: string): Decoded<Date | undefined> => {
  const v = p.get(name)
  if (v === undefined || v === '') return E.right(undefined)
  return decodeParam(Instant, name)(v)
}

const tagKeyList = (p: Params, name: string): Decoded<string[] | undefined> => {
  const v = p.get(name)
  if (v === undefined || v.trim() === '') return E.right(undefined)
  const keys = v.split(',').map((x) => x.trim()).filter((x) => x !== '')
  if (keys.length === 0 || keys.length > 20) return E.left(invalidParameter(name, 'Comma-separated tag keys, at most 20.'))
  const bad = keys.find((k) => !TagKey.is(k))
  return bad === undefined ? E.right(keys) : E.left(invalidParameter(name, 'Each tag key is 1 to 128 letters, digits, spaces or / \\ _ - . + = : @.'))
}

const ALL_STATES = ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport', 'Deleted'] as const

/**
 * The caller's account's keys, from the key catalogue: its own keys and those of instances it owns and shares
 * (S-5.1; deleted ones too, for the inventory). Another account's keys never reach its report.
 */
const accountKeyIds = async (s: ApiServices, accountId: string, coOwnedInstanceIds: readonly string[]): Promise<string[]> => {
  await s.readModels.catchUp()
  const keyIds: string[] = []
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await s.readModels.catalogue.listKeys({
      filters: { accountId, coOwnedInstanceIds, states: [...ALL_STATES] }, pageNumber, pageSize: 100,
    })
    keyIds.push(...page.keys.map((r) => r.KeyId))
    if (page.keys.length < 100 || keyIds.length >= page.totalCount) break
  }
  return keyIds
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
  const options = { ...(v.days !== undefined ? { days: v.days } : {}), ...(v.requireTags ? { requireTags: v.requireTags } : {}) }
  const checked = checkReportRequest(v.name, options)
  if (E.isLeft(checked)) return checked
  // Folded from the account's own streams, not a read model, so that `At` shows the past truth; any size, on the
  // report thread, off this event loop (docs/architecture.md §7 "Reports").
  const keyIds = await accountKeyIds(s, accountId, coOwned)
  const events = keyIds.reduce((n, k) => n + s.readModels.streamLength(keyStreamId(k)) + s.readModels.streamLength(keyUsageStreamId(k)), 0)
  const t = await s.reports.run({ name: v.name, options, keyIds, at: v.at ?? ctx.command.now, events })
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
