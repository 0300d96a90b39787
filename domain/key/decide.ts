import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  badRequest, conflict, invalidParameter, keyNotFound, limitExceeded, rejected, stateModifiedFailed, unsupportedOperation,
  type KmsError,
} from '../errors.ts'
import { checkSpecForKind, checkUsageForSpec, defaultUsage, hasPrimaryVersion, isSymmetric } from '../values/key-spec.ts'
import { DAY_SECONDS, DEFAULT_KEY_ROTATION_SECONDS } from '../values/rotation-interval.ts'
import { MAX_TAGS_PER_KEY } from '../values/tags.ts'
import { keyArn } from '../values/arn.ts'
import type { CreateKey, KeyCommand } from './commands.ts'
import type { KeyEvent, RotationSettings } from './events.ts'
import { OPERATIONS, type OperationName } from '../operations/catalogue.ts'
import { checkGate } from './state-table.ts'
import { dueReminder } from './deletion-reminders.ts'
import { nextRotationDate, type KeyState } from './state.ts'

export const MAX_KEY_VERSIONS = 50 // API reference §5.4
export const MIN_VERSION_SPACING_SECONDS = 7 * DAY_SECONDS // API reference §5.4: CreateKeyVersion

type Decision = E.Either<KmsError, KeyEvent[]>

const ok = (...events: KeyEvent[]): Decision => E.right(events)
const fail = (e: KmsError): Decision => E.left(e)

/**
 * With the key past the gate the operation's declaration names (domain/operations/catalogue.ts: the state table of
 * API reference §5.2), decide the events. TagKey and UntagKey are the single-key tag operations' commands.
 */
const gated = (operation: OperationName, s: KeyState, then: (s: KeyState) => Decision): Decision =>
  pipe(checkGate(OPERATIONS[operation].gate, s), E.chain(then))

export const decide = (cmd: KeyCommand, s: KeyState): Decision => {
  if (cmd.type === 'CreateKey') return s.created ? fail(conflict('Rejected.ResourceExist', 'The key already exists.')) : createKey(cmd)
  const keyId = s.keyId
  switch (cmd.type) {
    case 'EnableKey':
      return gated('EnableKey', s, () => (s.status === 'Enabled' ? ok() : ok({ type: 'KeyEnabled', data: { keyId } })))
    case 'DisableKey':
      return gated('DisableKey', s, () => (s.status === 'Disabled' ? ok() : ok({ type: 'KeyDisabled', data: { keyId } })))
    case 'SetDeletionProtection':
      return gated('SetDeletionProtection', s, () => {
        if (!cmd.enable) return s.deletionProtection.enabled ? ok({ type: 'DeletionProtectionDisabled', data: { keyId } }) : ok()
        if (s.status === 'PendingDeletion')
          return fail(stateModifiedFailed('S-7.2: a key pending deletion cannot have deletion protection turned on.'))
        return ok({ type: 'DeletionProtectionEnabled', data: { keyId, description: cmd.description } })
      })
    case 'ScheduleKeyDeletion':
      return gated('ScheduleKeyDeletion', s, () => {
        if (s.deletionProtection.enabled)
          return fail(rejected('Rejected.DeletionProtection', 'S-7.1: deletion protection is on; turn it off before scheduling deletion.'))
        const deleteDate = new Date(Date.parse(cmd.now) + cmd.pendingWindowInDays * DAY_SECONDS * 1000).toISOString()
        return ok({ type: 'DeletionScheduled', data: { keyId, pendingWindowInDays: cmd.pendingWindowInDays, deleteDate } })
      })
    case 'CancelKeyDeletion':
      return gated('CancelKeyDeletion', s, () => ok({ type: 'DeletionCancelled', data: { keyId } }))
    case 'DeleteKey':
      if (s.created && s.status === 'Deleted') return ok() // the scheduler may ask twice: the second time is a no-op
      return gated('DeleteKey', s, () =>
        Date.parse(cmd.now) < Date.parse(s.deleteDate!)
          ? fail(stateModifiedFailed(`S-8.1: the pending window ends at ${s.deleteDate}.`))
          : ok({ type: 'KeyDeleted', data: { keyId, deletedAt: cmd.now } }))
    case 'RemindDeletion': {
      // Cancelled or deleted since the scheduler's view said otherwise: nothing to remind of, not an error.
      if (s.created && s.status !== 'PendingDeletion') return ok()
      return gated('RemindDeletion', s, () => {
        const due = dueReminder(s, cmd.leads, new Date(cmd.now))
        return due === undefined
          ? ok() // not due, or reminded already: a repeated or concurrent run records nothing
          : ok({ type: 'DeletionReminded', data: { keyId, deleteDate: s.deleteDate!, lead: due.lead, leadSeconds: due.seconds, remindedAt: cmd.now } })
      })
    }
    case 'TagKey':
      return gated('TagResource', s, () => tagKey(s, cmd.tags))
    case 'UntagKey':
      return gated('UntagResource', s, () =>
        ok(...cmd.tagKeys.filter((k) => k in s.tags).map((tagKey): KeyEvent => ({ type: 'TagUnbound', data: { keyId, tagKey } }))))
    case 'UpdateRotationPolicy':
      return gated('UpdateRotationPolicy', s, () => updateRotationPolicy(s, cmd.enable, cmd.intervalSeconds))
    case 'RotateKey':
      return gated('RotateKey', s, () => rotateKey(s, cmd.versionId, cmd.reason, cmd.now))
    case 'CreateKeyVersion':
      return gated('CreateKeyVersion', s, () => createKeyVersion(s, cmd.versionId, cmd.now))
    case 'UpdateKeyDescription':
      return gated('UpdateKeyDescription', s, () => ok({ type: 'DescriptionUpdated', data: { keyId, description: cmd.description } }))
    case 'SetKeyPolicy':
      return gated('SetKeyPolicy', s, () =>
        s.kind === 'default'
          ? fail(unsupportedOperation('Default keys keep the default key policy (S-5.1).'))
          : ok({ type: 'KeyPolicyUpdated', data: { keyId, policy: cmd.policy } }))
    case 'ImportKeyMaterial':
      return gated('ImportKeyMaterial', s, () => {
        if (s.origin !== 'EXTERNAL') return fail(badRequest('Unsupported.Origin', 'Only keys with Origin EXTERNAL take imported material.'))
        if (cmd.expireAt !== null && Date.parse(cmd.expireAt) <= Date.parse(cmd.now))
          return fail(invalidParameter('KeyMaterialExpireUnix', 'the expiry must not be in the past'))
        return ok({ type: 'KeyMaterialImported', data: { keyId, versionId: s.versions[0]!.versionId, importedAt: cmd.now, expireAt: cmd.expireAt } })
      })
    case 'DeleteKeyMaterial':
      return gated('DeleteKeyMaterial', s, () => {
        if (s.origin !== 'EXTERNAL') return fail(badRequest('Unsupported.Origin', 'Only keys with Origin EXTERNAL have material to delete.'))
        if (!s.material.imported) return ok()
        if (cmd.reason === 'expired' && (s.material.expireAt === null || Date.parse(cmd.now) < Date.parse(s.material.expireAt)))
          return ok() // not expired (any more): a late or repeated expiry job changes nothing
        return ok({ type: 'KeyMaterialDeleted', data: { keyId, reason: cmd.reason } })
      })
    case 'RecordKeyMaterialDestroyed':
      // No state gate: a deleted key is exactly the one whose shredding is recorded.
      if (!s.created) return fail(keyNotFound(s.keyId))
      if (s.materialDestruction === 'recorded') return ok() // recorded since the last deletion: once is enough
      if (s.materialDestruction === 'none')
        return fail(stateModifiedFailed('Material destruction is recorded only for a deleted key or after KeyMaterialDeleted.'))
      return ok({ type: 'KeyMaterialDestroyed', data: { keyId, destroyedAt: cmd.now, ...(cmd.versionIds ? { versionIds: [...cmd.versionIds] } : {}) } })
  }
}

const createKey = (cmd: CreateKey): Decision => {
  const spec = checkSpecForKind(cmd.kind, cmd.spec)
  if (E.isLeft(spec)) return spec
  const usage = checkUsageForSpec(cmd.spec, cmd.usage ?? defaultUsage(cmd.spec))
  if (E.isLeft(usage)) return usage
  if (cmd.kind === 'default' && cmd.tags.length > 0)
    return fail(unsupportedOperation('S-3.5: default keys do not take tags.'))
  if (cmd.kind === 'external' && cmd.externalKeyId === null)
    return fail(invalidParameter('ExternalKeyId', 'S-1.4: an external key names the key of the external key manager.'))
  if (cmd.kind === 'external' && cmd.origin === 'EXTERNAL')
    return fail(invalidParameter('Origin', 'S-1.4: an external key already exists in its key manager; nothing is imported.'))
  if (cmd.kind !== 'default' && cmd.instanceId === null)
    return fail(invalidParameter('DKMSInstanceId', `S-1.4: a ${cmd.kind} key belongs to a KMS instance.`))
  const rotation = initialRotation(cmd)
  if (E.isLeft(rotation)) return rotation
  const keyId = cmd.keyId
  const events: KeyEvent[] = [{
    type: 'KeyCreated',
    data: {
      keyId, accountId: cmd.accountId, region: cmd.region, arn: keyArn(cmd.region, cmd.accountId, keyId),
      kind: cmd.kind, instanceId: cmd.instanceId, externalKeyId: cmd.externalKeyId,
      spec: cmd.spec, usage: usage.right, origin: cmd.origin,
      protectionLevel: cmd.kind === 'hardware' ? 'HSM' : cmd.protectionLevel,
      description: cmd.description, creator: cmd.creator, createdAt: cmd.now,
      initialVersionId: cmd.versionId, rotation: rotation.right, policy: cmd.policy,
    },
  }]
  for (const tag of cmd.tags) events.push({ type: 'TagBound', data: { keyId, tagKey: tag.TagKey, tagValue: tag.TagValue } })
  return E.right(events)
}

/** Which keys can rotate: symmetric (S-4.1) with material KMS made; not external-kind keys, whose material lives elsewhere. */
const rotatable = (s: { spec: KeyState['spec']; origin: KeyState['origin']; kind: KeyState['kind'] }): boolean =>
  isSymmetric(s.spec) && s.origin === 'Aliyun_KMS' && s.kind !== 'external'

const DEFAULT_ROTATION: RotationSettings = { enabled: true, intervalSeconds: DEFAULT_KEY_ROTATION_SECONDS }
const NO_ROTATION: RotationSettings = { enabled: false, intervalSeconds: null }

const initialRotation = (cmd: CreateKey): E.Either<KmsError, RotationSettings> => {
  const canRotate = rotatable(cmd)
  if (cmd.kind === 'default') {
    // API reference §5.13: the default key rotates every 365 days, fixed.
    if (cmd.rotation && (!cmd.rotation.enabled || (cmd.rotation.intervalSeconds ?? DEFAULT_KEY_ROTATION_SECONDS) !== DEFAULT_KEY_ROTATION_SECONDS))
      return E.left(invalidParameter('RotationInterval', 'The default key rotates every 365 days; its rotation cannot be changed.'))
    return E.right(DEFAULT_ROTATION)
  }
  if (cmd.rotation === null) return E.right(canRotate ? DEFAULT_ROTATION : NO_ROTATION) // S-4.1: on by default
  if (!cmd.rotation.enabled) return E.right(NO_ROTATION)
  if (!canRotate) return E.left(invalidParameter('EnableAutomaticRotation', 'S-4.1: only symmetric keys with KMS-made material rotate automatically.'))
  if (cmd.rotation.intervalSeconds === null) return E.left(invalidParameter('RotationInterval', 'required when EnableAutomaticRotation is true'))
  return E.right({ enabled: true, intervalSeconds: cmd.rotation.intervalSeconds })
}

const tagKey = (s: KeyState, tags: readonly { TagKey: string; TagValue: string }[]): Decision => {
  if (s.kind === 'default') return fail(unsupportedOperation('S-3.5: default keys do not take tags.'))
  const changed = tags.filter((t) => s.tags[t.TagKey] !== t.TagValue)
  const keys = new Set([...Object.keys(s.tags), ...tags.map((t) => t.TagKey)])
  if (keys.size > MAX_TAGS_PER_KEY) return fail(limitExceeded(`S-3.4: a key has at most ${MAX_TAGS_PER_KEY} tags.`))
  return ok(...changed.map((t): KeyEvent => ({ type: 'TagBound', data: { keyId: s.keyId, tagKey: t.TagKey, tagValue: t.TagValue } })))
}

const updateRotationPolicy = (s: KeyState, enable: boolean, intervalSeconds: number | null): Decision => {
  if (s.kind === 'default') return fail(unsupportedOperation('The default key rotates every 365 days; its rotation cannot be changed.'))
  if (!enable) return ok({ type: 'RotationPolicyUpdated', data: { keyId: s.keyId, rotation: NO_ROTATION } })
  if (!rotatable(s)) return fail(unsupportedOperation('S-4.1: only symmetric keys with KMS-made material rotate automatically.'))
  const interval = intervalSeconds ?? s.rotation.intervalSeconds
  if (interval === null) return fail(invalidParameter('RotationInterval', 'required when EnableAutomaticRotation is true'))
  return ok({ type: 'RotationPolicyUpdated', data: { keyId: s.keyId, rotation: { enabled: true, intervalSeconds: interval } } })
}

const rotateKey = (s: KeyState, versionId: string, reason: 'manual' | 'automatic', now: string): Decision => {
  if (!rotatable(s)) return fail(unsupportedOperation('S-4.1: only symmetric keys with KMS-made material rotate.'))
  if (reason === 'automatic') {
    const due = nextRotationDate(s)
    // Not (or no longer) due: another scheduler rotated first, or the policy changed. Nothing to do.
    if (due === null || Date.parse(now) < Date.parse(due)) return ok()
  }
  if (s.versions.some((v) => v.versionId === versionId)) return fail(invalidParameter('KeyVersionId', 'version ids are unique within a key'))
  return ok({ type: 'VersionRotated', data: { keyId: s.keyId, versionId, reason, rotatedAt: now } })
}

const createKeyVersion = (s: KeyState, versionId: string, now: string): Decision => {
  if (hasPrimaryVersion(s.spec)) return fail(unsupportedOperation('CreateKeyVersion is for asymmetric keys; symmetric keys rotate.'))
  if (s.versions.length >= MAX_KEY_VERSIONS) return fail(limitExceeded(`A key has at most ${MAX_KEY_VERSIONS} versions.`))
  const last = s.versions[s.versions.length - 1]!
  if (Date.parse(now) - Date.parse(last.createdAt) < MIN_VERSION_SPACING_SECONDS * 1000)
    return fail(unsupportedOperation('A new version needs 7 days since the last one.'))
  return ok({ type: 'KeyVersionCreated', data: { keyId: s.keyId, versionId, createdAt: now } })
}
