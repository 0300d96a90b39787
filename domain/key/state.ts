import type { KeyKind, KeySpec, KeyUsage, Origin, ProtectionLevel } from '../values/key-spec.ts'
import type { RotationSettings } from './events.ts'

export type KeyStatus = 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport' | 'Deleted'

export interface KeyVersion {
  readonly versionId: string
  readonly createdAt: string
}

/** A key as its events describe it. `created: false` is the state of a stream that has no events yet. */
export interface KeyState {
  readonly created: boolean
  readonly keyId: string
  readonly accountId: string
  readonly region: string
  readonly arn: string
  readonly kind: KeyKind
  readonly instanceId: string | null
  readonly externalKeyId: string | null
  readonly spec: KeySpec
  readonly usage: KeyUsage
  readonly origin: Origin
  readonly protectionLevel: ProtectionLevel
  readonly description: string
  readonly creator: string
  readonly createdAt: string
  readonly status: KeyStatus
  readonly deletionProtection: { readonly enabled: boolean; readonly description: string }
  /** When the pending window ends; set only while PendingDeletion. */
  readonly deleteDate: string | null
  /** When the pending deletion was scheduled; set only while PendingDeletion (deletion-reminders.ts). */
  readonly deletionScheduledAt: string | null
  /** The shortest lead time (seconds) reminded of for the pending deletion; null: none yet, or not pending. */
  readonly deletionRemindedLeadSeconds: number | null
  readonly tags: Readonly<Record<string, string>>
  readonly rotation: RotationSettings
  readonly lastRotationDate: string
  readonly versions: readonly KeyVersion[]
  /** The version Encrypt and GenerateDataKey use; symmetric keys only (asymmetric calls name a version). */
  readonly primaryVersionId: string | null
  readonly policy: string
  readonly material: { readonly imported: boolean; readonly expireAt: string | null }
  /**
   * Crypto-shredding: `due` once KeyDeleted or KeyMaterialDeleted ended material, `recorded` once
   * KeyMaterialDestroyed says it is gone, `none` while there is nothing to destroy (again after a new import).
   */
  readonly materialDestruction: MaterialDestruction
}

export type MaterialDestruction = 'none' | 'due' | 'recorded'

export const initialState: KeyState = {
  created: false,
  keyId: '', accountId: '', region: '', arn: '',
  kind: 'software', instanceId: null, externalKeyId: null,
  spec: 'Aliyun_AES_256', usage: 'ENCRYPT/DECRYPT', origin: 'Aliyun_KMS', protectionLevel: 'SOFTWARE',
  description: '', creator: '', createdAt: '',
  status: 'Enabled',
  deletionProtection: { enabled: false, description: '' },
  deleteDate: null,
  deletionScheduledAt: null,
  deletionRemindedLeadSeconds: null,
  tags: {},
  rotation: { enabled: false, intervalSeconds: null },
  lastRotationDate: '',
  versions: [],
  primaryVersionId: null,
  policy: '',
  material: { imported: false, expireAt: null },
  materialDestruction: 'none',
}

/** Automatic rotation as DescribeKey shows it: paused while the key cannot be used (API reference §5.4). */
export const automaticRotationStatus = (s: KeyState): 'Enabled' | 'Disabled' | 'Suspended' =>
  !s.rotation.enabled ? 'Disabled' : s.status === 'Enabled' ? 'Enabled' : 'Suspended'

/** NextRotationDate = LastRotationDate + interval, only while rotation is on (API reference §5.4). */
export const nextRotationDate = (s: KeyState): string | null =>
  s.rotation.enabled && s.rotation.intervalSeconds !== null && s.lastRotationDate
    ? new Date(Date.parse(s.lastRotationDate) + s.rotation.intervalSeconds * 1000).toISOString()
    : null
