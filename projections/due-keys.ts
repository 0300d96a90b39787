import * as E from 'fp-ts/lib/Either.js'
import type { RecordedEvent } from '../domain/kernel/envelope.ts'
import { AliasEvent } from '../domain/alias/alias.ts'
import { evolve, initialState, KeyEvent, type KeyState, type KeyStatus, type MaterialDestruction, type RotationSettings } from '../domain/key/index.ts'
import { upcast } from '../domain/kernel/upcast.ts'
import type { Origin } from '../domain/values/key-spec.ts'
import { DAY_SECONDS } from '../domain/values/rotation-interval.ts'
import type { LeadTime } from '../domain/values/lead-time.ts'
import { dueReminder } from '../domain/key/deletion-reminders.ts'

// What the scheduler's jobs need to know about every key: when it rotates next, when its pending window ends,
// when its imported material expires, and which aliases still point at it. A fold over `key-` and `alias-`
// streams; the jobs act through the key service, whose `decide` re-checks every fact on the key's own stream,
// so a stale view costs a no-op command, never a wrong event.

export const DUE_KEYS_STREAM_PREFIXES = ['key-', 'alias-'] as const

/**
 * FOR TESTS AND DEMOS ONLY, never in production: `minute` makes a rotation interval count minutes where it says
 * days (a `7d` policy rotates every 7 minutes). Only the scheduler sees the scaled interval; events, DescribeKey
 * and the audit trail keep the key's real policy. `day` is the real behaviour.
 */
export type RotationUnit = 'day' | 'hour' | 'minute' | 'second'
export const ROTATION_UNITS: readonly RotationUnit[] = ['day', 'hour', 'minute', 'second']
const UNIT_SECONDS: Record<RotationUnit, number> = { day: DAY_SECONDS, hour: 3600, minute: 60, second: 1 }

/** The interval the scheduler applies: the policy's own for `day`, shrunk by the same ratio otherwise. */
export const scaledIntervalSeconds = (intervalSeconds: number, unit: RotationUnit): number =>
  unit === 'day' ? intervalSeconds : (intervalSeconds * UNIT_SECONDS[unit]) / DAY_SECONDS

/** One key, reduced to what the jobs read. */
export interface DueKey {
  readonly keyId: string
  readonly accountId: string
  readonly region: string
  readonly origin: Origin
  readonly status: KeyStatus
  /** When the pending window ends; set only while PendingDeletion. */
  readonly deleteDate: string | null
  /** For the deletion reminders (domain/key/deletion-reminders.ts); set only while PendingDeletion. */
  readonly deletionScheduledAt: string | null
  readonly deletionRemindedLeadSeconds: number | null
  readonly rotation: RotationSettings
  readonly lastRotationDate: string
  readonly material: { readonly imported: boolean; readonly expireAt: string | null }
  /** Crypto-shredding: `due` until KeyMaterialDestroyed records it (the shredding job's list). */
  readonly materialDestruction: MaterialDestruction
}

/** One alias stream, folded: the key it points to, or null once deleted. */
export interface AliasBinding {
  readonly alias: string
  readonly accountId: string
  readonly region: string
  readonly keyId: string | null
}

export interface DueKeysView {
  /** Global position of the last event folded in. */
  readonly position: number
  readonly rotationUnit: RotationUnit
  readonly keys: ReadonlyMap<string, DueKey>
  /** By alias stream id. */
  readonly aliases: ReadonlyMap<string, AliasBinding>
  /** Events of these streams that did not decode: skipped, counted, for the operator to audit. */
  readonly undecodable: number
}

export const emptyDueKeys = (rotationUnit: RotationUnit = 'day'): DueKeysView =>
  ({ position: 0, rotationUnit, keys: new Map(), aliases: new Map(), undecodable: 0 })

// ---- row folds: pure, O(1); a view held in a table or a Map applies them per row ----

const asState = (row: DueKey): KeyState => ({ ...initialState, created: true, ...row })

/**
 * Folds one key event into the key's row with the domain's own `evolve`, so status rules (a cancelled deletion
 * of an imported key, material deleted while pending deletion, …) live in one place.
 */
export const evolveDueKey = (row: DueKey | undefined, e: KeyEvent): DueKey | undefined => {
  if (row === undefined && e.type !== 'KeyCreated') return undefined // a stream seen from its middle: nothing to act on
  const s = evolve(row === undefined ? initialState : asState(row), e)
  return {
    keyId: s.keyId, accountId: s.accountId, region: s.region, origin: s.origin, status: s.status,
    deleteDate: s.deleteDate, deletionScheduledAt: s.deletionScheduledAt, deletionRemindedLeadSeconds: s.deletionRemindedLeadSeconds, rotation: s.rotation, lastRotationDate: s.lastRotationDate, material: s.material,
    materialDestruction: s.materialDestruction,
  }
}

export const evolveAliasBinding = (_row: AliasBinding | undefined, e: AliasEvent): AliasBinding => {
  const { alias, accountId, region } = e.data
  return { alias, accountId, region, keyId: e.type === 'AliasDeleted' ? null : e.data.keyId }
}

export type DueKeysChange =
  | { readonly kind: 'key'; readonly keyId: string; readonly event: KeyEvent }
  | { readonly kind: 'alias'; readonly streamId: string; readonly event: AliasEvent }
  | { readonly kind: 'ignored' }
  | { readonly kind: 'undecodable' }

/** Decodes a recorded event of a stream this view follows (upcast first, as every reader does). */
export const decodeDueKeysEvent = (r: RecordedEvent): DueKeysChange => {
  if (r.streamId.startsWith('key-')) {
    const d = KeyEvent.decode(upcast(r))
    return E.isRight(d) ? { kind: 'key', keyId: r.streamId.slice('key-'.length), event: d.right } : { kind: 'undecodable' }
  }
  if (r.streamId.startsWith('alias-')) {
    const d = AliasEvent.decode(upcast(r))
    return E.isRight(d) ? { kind: 'alias', streamId: r.streamId, event: d.right } : { kind: 'undecodable' }
  }
  return { kind: 'ignored' }
}

/**
 * The view's fold, `(view, event) → view`, pure: a changed map is copied, so this costs O(keys) per change. The
 * in-memory holder (adapters/scheduler/due-keys-feed.ts) applies the same row folds in place instead.
 */
export const foldDueKeys = (view: DueKeysView, r: RecordedEvent): DueKeysView => {
  if (r.position <= view.position) return view // at-least-once delivery: already folded
  const change = decodeDueKeysEvent(r)
  switch (change.kind) {
    case 'key': {
      const row = evolveDueKey(view.keys.get(change.keyId), change.event)
      const keys = row === undefined ? view.keys : new Map(view.keys).set(change.keyId, row)
      return { ...view, position: r.position, keys }
    }
    case 'alias':
      return { ...view, position: r.position, aliases: new Map(view.aliases).set(change.streamId, evolveAliasBinding(view.aliases.get(change.streamId), change.event)) }
    case 'undecodable':
      return { ...view, position: r.position, undecodable: view.undecodable + 1 }
    case 'ignored':
      return { ...view, position: r.position }
  }
}

// ---- queries ----

/** NextRotationDate = LastRotationDate + interval (API reference §5.4), with the view's rotation unit applied. */
export const nextRotationDate = (k: DueKey, unit: RotationUnit): Date | null =>
  k.rotation.enabled && k.rotation.intervalSeconds !== null && k.lastRotationDate
    ? new Date(Date.parse(k.lastRotationDate) + Math.ceil(scaledIntervalSeconds(k.rotation.intervalSeconds, unit) * 1000))
    : null

/** API reference §5.4: a Disabled or PendingDeletion key shows `Suspended` and does not rotate until it is Enabled. */
export const automaticRotation = (k: DueKey): 'Enabled' | 'Disabled' | 'Suspended' =>
  !k.rotation.enabled ? 'Disabled' : k.status === 'Enabled' ? 'Enabled' : 'Suspended'

const byTime = <A>(at: (a: A) => number) => (x: A, y: A): number => at(x) - at(y)

/**
 * Keys whose next rotation date has come, earliest first. A shortened interval that puts the date in the past
 * makes the key due at once; a suspended key is not due, and is due at once when enabled again if it is overdue.
 */
export const dueForRotation = (view: DueKeysView, now: Date): DueKey[] => {
  const due: { key: DueKey; at: number }[] = []
  for (const key of view.keys.values()) {
    if (automaticRotation(key) !== 'Enabled') continue
    const at = nextRotationDate(key, view.rotationUnit)?.getTime()
    if (at !== undefined && at <= now.getTime()) due.push({ key, at })
  }
  return due.sort(byTime((d) => d.at)).map((d) => d.key)
}

/** Keys pending deletion whose window has ended (S-8.1): not a minute before `deleteDate`. */
export const dueForDeletion = (view: DueKeysView, now: Date): DueKey[] =>
  [...view.keys.values()]
    .filter((k) => k.status === 'PendingDeletion' && k.deleteDate !== null && Date.parse(k.deleteDate) <= now.getTime())
    .sort(byTime((k) => Date.parse(k.deleteDate!)))

/** Keys pending deletion with a reminder due now (domain/key/deletion-reminders.ts), soonest deletion first. */
export const dueForDeletionReminder = (view: DueKeysView, now: Date, leads: readonly LeadTime[]): DueKey[] =>
  leads.length === 0 ? [] : [...view.keys.values()]
    .filter((k) => dueReminder(k, leads, now) !== undefined)
    .sort(byTime((k) => Date.parse(k.deleteDate!)))

/** Keys whose imported material has reached its KeyMaterialExpireUnix (API reference §5.11). */
export const materialExpired = (view: DueKeysView, now: Date): DueKey[] =>
  [...view.keys.values()]
    .filter((k) => k.status !== 'Deleted' && k.material.imported && k.material.expireAt !== null && Date.parse(k.material.expireAt) <= now.getTime())
    .sort(byTime((k) => Date.parse(k.material.expireAt!)))

/** Aliases that still point at a key. */
export const aliasesOf = (view: DueKeysView, keyId: string): AliasBinding[] =>
  [...view.aliases.values()].filter((a) => a.keyId === keyId)

/** Deleted keys that some alias still points at: a release that did not happen (a crash between the two steps). */
export const deletedKeysHoldingAliases = (view: DueKeysView): DueKey[] => {
  const held = new Set<string>()
  for (const a of view.aliases.values()) if (a.keyId !== null) held.add(a.keyId)
  return [...held].map((id) => view.keys.get(id)).filter((k): k is DueKey => k !== undefined && k.status === 'Deleted')
}
