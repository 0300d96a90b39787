import type { KeyEvent } from './events.ts'
import { hasPrimaryVersion } from '../values/key-spec.ts'
import type { KeyState } from './state.ts'

const noPendingDeletion = { deleteDate: null, deletionScheduledAt: null, deletionRemindedLeadSeconds: null } as const

/** Folds one accepted event into the state. It never fails: `decide` already checked every rule. */
export const evolve = (s: KeyState, e: KeyEvent): KeyState => {
  switch (e.type) {
    case 'KeyCreated': {
      const d = e.data
      return {
        ...s,
        created: true,
        keyId: d.keyId, accountId: d.accountId, region: d.region, arn: d.arn,
        kind: d.kind, instanceId: d.instanceId, externalKeyId: d.externalKeyId,
        spec: d.spec, usage: d.usage, origin: d.origin, protectionLevel: d.protectionLevel,
        description: d.description, creator: d.creator, createdAt: d.createdAt,
        status: d.origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
        rotation: d.rotation,
        lastRotationDate: d.createdAt,
        versions: [{ versionId: d.initialVersionId, createdAt: d.createdAt }],
        primaryVersionId: hasPrimaryVersion(d.spec) ? d.initialVersionId : null,
        policy: d.policy,
      }
    }
    case 'KeyEnabled':
      return { ...s, status: 'Enabled' }
    case 'KeyDisabled':
      return { ...s, status: 'Disabled' }
    case 'DeletionProtectionEnabled':
      return { ...s, deletionProtection: { enabled: true, description: e.data.description } }
    case 'DeletionProtectionDisabled':
      return { ...s, deletionProtection: { enabled: false, description: '' } }
    case 'DeletionScheduled': {
      const scheduledAt = new Date(Date.parse(e.data.deleteDate) - e.data.pendingWindowInDays * 86_400_000).toISOString()
      return { ...s, status: 'PendingDeletion', deleteDate: e.data.deleteDate, deletionScheduledAt: scheduledAt, deletionRemindedLeadSeconds: null }
    }
    case 'DeletionReminded':
      return { ...s, deletionRemindedLeadSeconds: e.data.leadSeconds }
    case 'DeletionCancelled':
      // API reference §5.2: a cancelled deletion returns the key to Enabled (docs/architecture.md §4), even an imported key
      // whose material was deleted meanwhile goes back to PendingImport.
      return { ...s, status: s.origin === 'EXTERNAL' && !s.material.imported ? 'PendingImport' : 'Enabled', ...noPendingDeletion }
    case 'KeyDeleted':
      return { ...s, status: 'Deleted', ...noPendingDeletion, materialDestruction: 'due' }
    case 'TagBound':
      return { ...s, tags: { ...s.tags, [e.data.tagKey]: e.data.tagValue } }
    case 'TagUnbound': {
      const { [e.data.tagKey]: _removed, ...tags } = s.tags
      return { ...s, tags }
    }
    case 'VersionRotated':
      return {
        ...s,
        versions: [...s.versions, { versionId: e.data.versionId, createdAt: e.data.rotatedAt }],
        primaryVersionId: e.data.versionId,
        lastRotationDate: e.data.rotatedAt,
      }
    case 'KeyVersionCreated':
      return {
        ...s,
        versions: [...s.versions, { versionId: e.data.versionId, createdAt: e.data.createdAt }],
        lastRotationDate: e.data.createdAt,
      }
    case 'RotationPolicyUpdated':
      return { ...s, rotation: e.data.rotation }
    case 'DescriptionUpdated':
      return { ...s, description: e.data.description }
    case 'KeyPolicyUpdated':
      return { ...s, policy: e.data.policy }
    case 'KeyMaterialImported':
      return {
        ...s,
        status: s.status === 'PendingImport' ? 'Enabled' : s.status,
        material: { imported: true, expireAt: e.data.expireAt },
        materialDestruction: 'none', // new material: nothing to destroy until the next deletion
      }
    case 'KeyMaterialDeleted':
      // API reference §5.2: deleting material returns the key to PendingImport, unless it is pending deletion.
      return {
        ...s,
        status: s.status === 'PendingDeletion' ? s.status : 'PendingImport',
        material: { imported: false, expireAt: null },
        materialDestruction: 'due',
      }
    case 'KeyMaterialDestroyed':
      return { ...s, materialDestruction: 'recorded' }
  }
}

export const foldKey = (events: readonly KeyEvent[], from: KeyState): KeyState => events.reduce(evolve, from)
