import * as t from 'io-ts'
import { KeyKind, KeySpec, KeyUsage, Origin, ProtectionLevel } from '../values/key-spec.ts'

// Every event of a key's stream (`key-<KeyId>`) and of its usage stream (`keyusage-<KeyId>`), as io-ts codecs:
// events read back from a store are decoded, never trusted. Past tense, stable names: a stored type is never
// renamed; a changed shape gets a new schemaVersion and an upcaster in `upcast.ts`.

const Nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null])
const keyId = t.string
const at = t.string // ISO-8601 instant

export const RotationSettings = t.type({ enabled: t.boolean, intervalSeconds: Nullable(t.number) })
export type RotationSettings = t.TypeOf<typeof RotationSettings>

export const KeyCreated = t.type({
  type: t.literal('KeyCreated'),
  data: t.type({
    keyId, accountId: t.string, region: t.string, arn: t.string,
    kind: KeyKind, instanceId: Nullable(t.string), externalKeyId: Nullable(t.string),
    spec: KeySpec, usage: KeyUsage, origin: Origin, protectionLevel: ProtectionLevel,
    description: t.string, creator: t.string, createdAt: at,
    /** The first version; for EXTERNAL origin it has no material until ImportKeyMaterial. */
    initialVersionId: t.string,
    rotation: RotationSettings,
    policy: t.string,
  }),
})

const simple = <T extends string>(type: T) => t.type({ type: t.literal(type), data: t.type({ keyId }) })

export const KeyEnabled = simple('KeyEnabled')
export const KeyDisabled = simple('KeyDisabled')
export const DeletionProtectionEnabled = t.type({
  type: t.literal('DeletionProtectionEnabled'), data: t.type({ keyId, description: t.string }),
})
export const DeletionProtectionDisabled = simple('DeletionProtectionDisabled')
export const DeletionScheduled = t.type({
  type: t.literal('DeletionScheduled'), data: t.type({ keyId, pendingWindowInDays: t.number, deleteDate: at }),
})
export const DeletionCancelled = simple('DeletionCancelled')
/**
 * A reminder that the key's scheduled deletion is `lead` away (docs/key-events.md "Deletion reminders"), recorded
 * by the scheduler at most once per lead time and pending deletion (domain/key/deletion-reminders.ts).
 * `lead`: the configured ISO 8601 duration (`P7D`); `leadSeconds`: its length.
 */
export const DeletionReminded = t.type({
  type: t.literal('DeletionReminded'), data: t.type({ keyId, deleteDate: at, lead: t.string, leadSeconds: t.number, remindedAt: at }),
})
export const KeyDeleted = t.type({ type: t.literal('KeyDeleted'), data: t.type({ keyId, deletedAt: at }) })
export const TagBound = t.type({ type: t.literal('TagBound'), data: t.type({ keyId, tagKey: t.string, tagValue: t.string }) })
export const TagUnbound = t.type({ type: t.literal('TagUnbound'), data: t.type({ keyId, tagKey: t.string }) })
export const VersionRotated = t.type({
  type: t.literal('VersionRotated'),
  data: t.type({ keyId, versionId: t.string, reason: t.keyof({ manual: null, automatic: null }), rotatedAt: at }),
})
export const KeyVersionCreated = t.type({
  type: t.literal('KeyVersionCreated'), data: t.type({ keyId, versionId: t.string, createdAt: at }),
})
export const RotationPolicyUpdated = t.type({
  type: t.literal('RotationPolicyUpdated'), data: t.type({ keyId, rotation: RotationSettings }),
})
export const DescriptionUpdated = t.type({ type: t.literal('DescriptionUpdated'), data: t.type({ keyId, description: t.string }) })
export const KeyPolicyUpdated = t.type({ type: t.literal('KeyPolicyUpdated'), data: t.type({ keyId, policy: t.string }) })
export const KeyMaterialImported = t.type({
  type: t.literal('KeyMaterialImported'),
  data: t.type({ keyId, versionId: t.string, importedAt: at, expireAt: Nullable(at) }),
})
export const KeyMaterialDeleted = t.type({
  type: t.literal('KeyMaterialDeleted'), data: t.type({ keyId, reason: t.keyof({ deleted: null, expired: null }) }),
})

/**
 * The material a KeyDeleted or KeyMaterialDeleted ended was destroyed (crypto-shredding), as the executors
 * confirmed: recorded by the shredding reconciliation (adapters/scheduler/shred-deleted-material.ts) so an auditor
 * sees the destruction happened, not only that it was due. `versionIds`: the versions whose material went.
 */
export const KeyMaterialDestroyed = t.type({
  type: t.literal('KeyMaterialDestroyed'),
  data: t.intersection([t.type({ keyId, destroyedAt: at }), t.partial({ versionIds: t.array(t.string) })]),
})

export const KeyEvent = t.union([
  KeyCreated, KeyEnabled, KeyDisabled, DeletionProtectionEnabled, DeletionProtectionDisabled, DeletionScheduled,
  DeletionCancelled, DeletionReminded, KeyDeleted, TagBound, TagUnbound, VersionRotated, KeyVersionCreated, RotationPolicyUpdated,
  DescriptionUpdated, KeyPolicyUpdated, KeyMaterialImported, KeyMaterialDeleted, KeyMaterialDestroyed,
])
export type KeyEvent = t.TypeOf<typeof KeyEvent>
export type KeyEventType = KeyEvent['type']
export type KeyEventOf<T extends KeyEventType> = Extract<KeyEvent, { type: T }>

/** The outcome of a data-plane or control-plane call, recorded on `keyusage-<KeyId>` (docs/architecture.md §3). */
export const ActionInvoked = t.type({
  type: t.literal('ActionInvoked'),
  data: t.intersection([t.type({
    keyId,
    versionId: Nullable(t.string),
    action: t.string, // kms:Encrypt, kms:Decrypt, …
    outcome: t.keyof({ allowed: null, denied: null, failed: null }),
    errorCode: Nullable(t.string),
    callerService: Nullable(t.string), // e.g. `ecs`, from x-acs-caller-service or the EncryptionContext convention
    callerResource: Nullable(t.string), // e.g. `disk/d-123`
    requestId: t.string,
    at,
  }),
  // The algorithm of an asymmetric or wrapping call (`RSAES_OAEP_SHA_1`, …), so reports can find legacy use.
  // `count`: how many calls the record stands for (absent: one). Refusals of another account's callers are
  // aggregated per caller, kind and minute (docs/architecture.md §7 "Fair audit"); `lastAt` is the last of them.
  // Optional, so every record written before it decodes unchanged: no schema version, no upcaster.
  t.partial({ algorithm: t.string, count: t.number, lastAt: at })]),
})
export type ActionInvoked = t.TypeOf<typeof ActionInvoked>

/** How many calls an ActionInvoked record stands for: its `count`, one when absent (every record not aggregated). */
export const callsIn = (d: ActionInvoked['data']): number => d.count ?? 1

export const keyStreamId = (keyId: string): string => `key-${keyId}`
export const keyUsageStreamId = (keyId: string): string => `keyusage-${keyId}`
