import type { LeadTime } from '../values/lead-time.ts'
import type { KeyKind, KeySpec, KeyUsage, Origin, ProtectionLevel } from '../values/key-spec.ts'

// Commands carry values already decoded at the boundary (domain/values); `decide` checks what depends on the
// key's state or on several fields together. Ids and `now` (ISO-8601) come in with the command.

/** A tag as decoded by `TagList` (S-3.2, S-3.3): commands carry it plainly, the boundary did the checking. */
export interface TagPair {
  readonly TagKey: string
  readonly TagValue: string
}

export interface CreateKey {
  readonly type: 'CreateKey'
  readonly now: string
  readonly keyId: string
  readonly versionId: string
  readonly accountId: string
  readonly region: string
  readonly kind: KeyKind
  readonly instanceId: string | null
  readonly externalKeyId: string | null
  readonly spec: KeySpec
  readonly usage: KeyUsage | null // null: the spec's default usage
  readonly origin: Origin
  readonly protectionLevel: ProtectionLevel
  readonly description: string
  readonly creator: string
  /** null: the console default (S-4.1: on, 365 days, for symmetric keys). */
  readonly rotation: { readonly enabled: boolean; readonly intervalSeconds: number | null } | null
  readonly policy: string
  readonly tags: readonly TagPair[]
}

export type KeyCommand =
  | CreateKey
  | { readonly type: 'EnableKey'; readonly now: string }
  | { readonly type: 'DisableKey'; readonly now: string }
  | { readonly type: 'SetDeletionProtection'; readonly now: string; readonly enable: boolean; readonly description: string }
  | { readonly type: 'ScheduleKeyDeletion'; readonly now: string; readonly pendingWindowInDays: number }
  | { readonly type: 'CancelKeyDeletion'; readonly now: string }
  /** Sent by the scheduler before a pending deletion, with the configured lead times (deletion-reminders.ts). */
  | { readonly type: 'RemindDeletion'; readonly now: string; readonly leads: readonly LeadTime[] }
  /** Sent by the scheduler when the pending window ends. */
  | { readonly type: 'DeleteKey'; readonly now: string }
  | { readonly type: 'TagKey'; readonly now: string; readonly tags: readonly TagPair[] }
  | { readonly type: 'UntagKey'; readonly now: string; readonly tagKeys: readonly string[] }
  | { readonly type: 'UpdateRotationPolicy'; readonly now: string; readonly enable: boolean; readonly intervalSeconds: number | null }
  | { readonly type: 'RotateKey'; readonly now: string; readonly versionId: string; readonly reason: 'manual' | 'automatic' }
  | { readonly type: 'CreateKeyVersion'; readonly now: string; readonly versionId: string }
  | { readonly type: 'UpdateKeyDescription'; readonly now: string; readonly description: string }
  | { readonly type: 'SetKeyPolicy'; readonly now: string; readonly policy: string }
  | { readonly type: 'ImportKeyMaterial'; readonly now: string; readonly expireAt: string | null }
  | { readonly type: 'DeleteKeyMaterial'; readonly now: string; readonly reason: 'deleted' | 'expired' }
  /** Sent by the shredding reconciliation once the executors hold none of the material a deletion ended. */
  | { readonly type: 'RecordKeyMaterialDestroyed'; readonly now: string; readonly versionIds?: readonly string[] }

export type KeyCommandType = KeyCommand['type']
