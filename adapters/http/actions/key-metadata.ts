import { automaticRotationStatus, nextRotationDate, type KeyState } from '../../../domain/key/index.ts'
import { formatRotationInterval } from '../../../domain/values/rotation-interval.ts'
import { apiDate } from '../wire/response.ts'
import { scaledIntervalSeconds, type RotationUnit } from '../../../projections/due-keys.ts'

/**
 * `KeyMetadata` as DescribeKey and CreateKey answer it (API reference §1.3, §5.1): the 3.x superset, which 1.2.0
 * ignores where it lacks fields. NextRotationDate and RotationInterval only while rotation is on or suspended.
 */
export const keyMetadata = (k: KeyState, unit: RotationUnit = 'day'): Readonly<Record<string, string>> => {
  const known = answered.get(k)
  if (known?.unit === unit) return known.metadata
  const metadata = Object.freeze(describe(k, unit))
  answered.set(k, { unit, metadata })
  return metadata
}

/**
 * The answer of a key state, kept while the state object lives (issue 11: DescribeKey of a hot key). Exact: a key
 * state is immutable and a pure function of the key's events, every change to the key is a new state object
 * (application/command-handler.ts), and nothing here depends on the clock. Frozen, so no caller can change it.
 */
const answered = new WeakMap<KeyState, { readonly unit: RotationUnit; readonly metadata: Readonly<Record<string, string>> }>()

const describe = (k: KeyState, unit: RotationUnit): Record<string, string> => {
  const rotation = automaticRotationStatus(k)
  const rotating = rotation !== 'Disabled' && k.rotation.intervalSeconds !== null
  return {
    Arn: k.arn,
    AutomaticRotation: rotation,
    CreationDate: apiDate(k.createdAt),
    Creator: k.creator,
    DKMSInstanceId: k.instanceId ?? '',
    DeleteDate: k.status === 'PendingDeletion' ? apiDate(k.deleteDate) : '',
    DeletionProtection: k.deletionProtection.enabled ? 'Enabled' : 'Disabled',
    DeletionProtectionDescription: k.deletionProtection.description,
    Description: k.description,
    KeyId: k.keyId,
    KeySpec: k.spec,
    KeyState: k.status,
    KeyUsage: k.usage,
    LastRotationDate: apiDate(k.lastRotationDate),
    MaterialExpireTime: apiDate(k.material.expireAt),
    ...(rotating ? { NextRotationDate: apiDate(scaledNextRotationDate(k, unit)), RotationInterval: formatRotationInterval(k.rotation.intervalSeconds!) } : {}),
    Origin: k.origin,
    PrimaryKeyVersion: k.primaryVersionId ?? '',
    ProtectionLevel: k.protectionLevel,
  }
}

/**
 * When the scheduler will rotate the key: with KMS_ROTATION_UNIT (tests and demos) a 7-day interval rotates
 * after 7 of that unit, and NextRotationDate says so (RotationInterval keeps the key's real setting).
 */
const scaledNextRotationDate = (k: KeyState, unit: RotationUnit): string | null => {
  if (unit === 'day' || k.rotation.intervalSeconds === null) return nextRotationDate(k)
  return nextRotationDate({ ...k, rotation: { ...k.rotation, intervalSeconds: scaledIntervalSeconds(k.rotation.intervalSeconds, unit) } })
}

export const keyVersion = (keyId: string, v: { versionId: string; createdAt: string }): Record<string, string> => ({
  CreationDate: apiDate(v.createdAt),
  KeyId: keyId,
  KeyVersionId: v.versionId,
})
