import type { ProjectedEvent } from '../projected-event.ts'
import { remove, update, upsert, type RowOp } from '../rows.ts'
import type { View } from '../view.ts'

// The key catalogue: one row per key with what DescribeKey and ListKeys show, plus tags, versions and aliases
// in tables of their own so that ListKeys filters and ListTagResources are index lookups (docs/architecture.md §6).

export const KEYS = 'catalogue_keys'
export const TAGS = 'catalogue_tags'
export const VERSIONS = 'catalogue_versions'
export const ALIASES = 'catalogue_aliases'

const keyOf = (keyId: string) => ({ key_id: keyId })

const projectKey = (e: Extract<ProjectedEvent, { kind: 'key' }>): RowOp[] => {
  const ev = e.event
  const k = keyOf(ev.data.keyId)
  const at = e.metadata.occurredAt
  switch (ev.type) {
    case 'KeyCreated': {
      const d = ev.data
      return [
        upsert(KEYS, {
          key_id: d.keyId, arn: d.arn, account_id: d.accountId, region: d.region, kind: d.kind,
          instance_id: d.instanceId, external_key_id: d.externalKeyId, spec: d.spec, usage: d.usage, origin: d.origin,
          protection_level: d.protectionLevel, state: d.origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
          description: d.description, creator: d.creator, created_at: d.createdAt,
          deletion_protection: 0, deletion_protection_description: '', delete_date: null,
          rotation_enabled: d.rotation.enabled ? 1 : 0, rotation_interval_seconds: d.rotation.intervalSeconds,
          last_rotation_date: d.createdAt, primary_version_id: d.spec.startsWith('Aliyun_') ? d.initialVersionId : null,
          material_imported: 0, material_expire_at: null, updated_at: at,
        }),
        upsert(VERSIONS, { key_id: d.keyId, version_id: d.initialVersionId, created_at: d.createdAt }),
      ]
    }
    case 'KeyEnabled':
      return [update(KEYS, k, { state: 'Enabled', updated_at: at })]
    case 'KeyDisabled':
      return [update(KEYS, k, { state: 'Disabled', updated_at: at })]
    case 'DeletionProtectionEnabled':
      return [update(KEYS, k, { deletion_protection: 1, deletion_protection_description: ev.data.description, updated_at: at })]
    case 'DeletionProtectionDisabled':
      return [update(KEYS, k, { deletion_protection: 0, deletion_protection_description: '', updated_at: at })]
    case 'DeletionScheduled':
      return [update(KEYS, k, { state: 'PendingDeletion', delete_date: ev.data.deleteDate, updated_at: at })]
    case 'DeletionCancelled':
      // Mirrors evolve: an imported key without material goes back to PendingImport, every other key to Enabled.
      return [{ op: 'update', table: KEYS, where: k, set: { delete_date: null, updated_at: at, state: 'Enabled' } },
        { op: 'update', table: KEYS, where: { ...k, origin: 'EXTERNAL', material_imported: 0 }, set: { state: 'PendingImport' } }]
    case 'KeyDeleted':
      return [update(KEYS, k, { state: 'Deleted', delete_date: null, updated_at: at })]
    case 'TagBound':
      return [upsert(TAGS, { key_id: ev.data.keyId, tag_key: ev.data.tagKey, tag_value: ev.data.tagValue })]
    case 'TagUnbound':
      return [remove(TAGS, { key_id: ev.data.keyId, tag_key: ev.data.tagKey })]
    case 'VersionRotated':
      return [
        upsert(VERSIONS, { key_id: ev.data.keyId, version_id: ev.data.versionId, created_at: ev.data.rotatedAt }),
        update(KEYS, k, { primary_version_id: ev.data.versionId, last_rotation_date: ev.data.rotatedAt, updated_at: at }),
      ]
    case 'KeyVersionCreated':
      return [
        upsert(VERSIONS, { key_id: ev.data.keyId, version_id: ev.data.versionId, created_at: ev.data.createdAt }),
        update(KEYS, k, { last_rotation_date: ev.data.createdAt, updated_at: at }),
      ]
    case 'RotationPolicyUpdated':
      return [update(KEYS, k, {
        rotation_enabled: ev.data.rotation.enabled ? 1 : 0, rotation_interval_seconds: ev.data.rotation.intervalSeconds, updated_at: at,
      })]
    case 'DescriptionUpdated':
      return [update(KEYS, k, { description: ev.data.description, updated_at: at })]
    case 'KeyPolicyUpdated':
      return [] // the policy is read from the key's stream (GetKeyPolicy); reports fold it from events
    case 'KeyMaterialImported':
      return [
        update(KEYS, { ...k, state: 'PendingImport' }, { state: 'Enabled' }),
        update(KEYS, k, { material_imported: 1, material_expire_at: ev.data.expireAt, updated_at: at }),
      ]
    case 'KeyMaterialDeleted':
      return [
        update(KEYS, k, { material_imported: 0, material_expire_at: null, updated_at: at }),
        { op: 'update', table: KEYS, where: { ...k, state: 'Enabled' }, set: { state: 'PendingImport' } },
        { op: 'update', table: KEYS, where: { ...k, state: 'Disabled' }, set: { state: 'PendingImport' } },
      ]
    case 'KeyMaterialDestroyed':
    case 'DeletionReminded':
      return [] // nothing DescribeKey or ListKeys shows; the audit timeline and ListKeyHistory list it
  }
}

const projectAlias = (e: Extract<ProjectedEvent, { kind: 'alias' }>): RowOp[] => {
  const d = e.event.data
  const where = { account_id: d.accountId, region: d.region, alias_name: d.alias }
  switch (e.event.type) {
    case 'AliasCreated':
    case 'AliasRetargeted':
      return [upsert(ALIASES, { ...where, key_id: d.keyId, updated_at: e.metadata.occurredAt })]
    case 'AliasDeleted':
      return [remove(ALIASES, where)]
  }
}

export const keyCatalogueView: View = {
  name: 'key-catalogue',
  version: 1,
  tables: [
    {
      name: KEYS,
      columns: {
        key_id: 'TEXT NOT NULL', arn: 'TEXT', account_id: 'TEXT', region: 'TEXT', kind: 'TEXT', instance_id: 'TEXT',
        external_key_id: 'TEXT', spec: 'TEXT', usage: 'TEXT', origin: 'TEXT', protection_level: 'TEXT', state: 'TEXT',
        description: 'TEXT', creator: 'TEXT', created_at: 'TEXT', deletion_protection: 'INTEGER NOT NULL DEFAULT 0',
        deletion_protection_description: 'TEXT', delete_date: 'TEXT', rotation_enabled: 'INTEGER NOT NULL DEFAULT 0',
        rotation_interval_seconds: 'INTEGER', last_rotation_date: 'TEXT', primary_version_id: 'TEXT',
        material_imported: 'INTEGER NOT NULL DEFAULT 0', material_expire_at: 'TEXT', updated_at: 'TEXT',
      },
      primaryKey: ['key_id'],
      // ListKeys pages one account and region in creation order; filters narrow within it.
      indexes: [['account_id', 'region', 'created_at', 'key_id'], ['state'], ['spec'], ['instance_id']],
    },
    { name: TAGS, columns: { key_id: 'TEXT NOT NULL', tag_key: 'TEXT NOT NULL', tag_value: 'TEXT NOT NULL' }, primaryKey: ['key_id', 'tag_key'], indexes: [['tag_key', 'tag_value']] },
    { name: VERSIONS, columns: { key_id: 'TEXT NOT NULL', version_id: 'TEXT NOT NULL', created_at: 'TEXT' }, primaryKey: ['key_id', 'version_id'] },
    {
      name: ALIASES,
      columns: { account_id: 'TEXT NOT NULL', region: 'TEXT NOT NULL', alias_name: 'TEXT NOT NULL', key_id: 'TEXT NOT NULL', updated_at: 'TEXT' },
      primaryKey: ['account_id', 'region', 'alias_name'],
      indexes: [['key_id']],
    },
  ],
  project: (e) => (e.kind === 'key' ? projectKey(e) : e.kind === 'alias' ? projectAlias(e) : []),
}
