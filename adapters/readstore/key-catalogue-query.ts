import { aliasArn } from '../../domain/values/arn.ts'
import type {
  AliasRef, KeyCatalogueEntry, KeyCatalogueQuery, KeyFilters, KeyRef, KeyVersionRow, Paging, TagResourceRow,
} from '../../projections/queries.ts'
import { ALIASES, KEYS, TAGS, VERSIONS } from '../../projections/views/key-catalogue.ts'
import type { SqliteReadStore } from './sqlite.ts'

type Param = string | number

/** The key catalogue port over the SQLite read store; every filter is a bound parameter, never spliced text. */
export class SqliteKeyCatalogueQuery implements KeyCatalogueQuery {
  constructor(private readonly rs: SqliteReadStore) {}

  async listKeys(q: { filters?: KeyFilters } & Paging): Promise<{ keys: KeyRef[]; totalCount: number }> {
    const { where, params } = keyWhere(q.filters ?? {})
    const total = this.rs.prepare(`SELECT count(*) AS n FROM ${KEYS} k WHERE ${where}`).get(...params) as { n: number }
    const rows = this.rs.prepare(`SELECT key_id AS KeyId, arn AS KeyArn FROM ${KEYS} k WHERE ${where} ORDER BY created_at, key_id LIMIT ? OFFSET ?`)
      .all(...params, q.pageSize, offset(q)) as KeyRef[]
    return { keys: rows, totalCount: total.n }
  }

  async listTagResources(q: {
    accountId?: string; region?: string; keyIds?: readonly string[]; tags?: readonly { key: string; value?: string }[]
    nextToken?: string; pageSize: number
  }): Promise<{ rows: TagResourceRow[]; nextToken: string }> {
    const clauses: string[] = []
    const params: Param[] = []
    // Scoped to an account: only its live keys' tags (tags stay in the table after KeyDeleted).
    if (q.accountId || q.region) {
      const scope = [`k.key_id = t.key_id`, `k.state <> 'Deleted'`]
      if (q.accountId) { scope.push('k.account_id = ?'); params.push(q.accountId) }
      if (q.region) { scope.push('k.region = ?'); params.push(q.region) }
      clauses.push(`EXISTS (SELECT 1 FROM ${KEYS} k WHERE ${scope.join(' AND ')})`)
    }
    if (q.keyIds?.length) { clauses.push(`t.key_id IN (${marks(q.keyIds)})`); params.push(...q.keyIds) }
    for (const tag of q.tags ?? []) {
      clauses.push(`EXISTS (SELECT 1 FROM ${TAGS} w WHERE w.key_id = t.key_id AND w.tag_key = ?${tag.value !== undefined ? ' AND w.tag_value = ?' : ''})`)
      params.push(tag.key, ...(tag.value !== undefined ? [tag.value] : []))
    }
    const after = q.nextToken ? decodeToken(q.nextToken) : undefined
    // An unreadable token ends the listing instead of starting over (a client would loop for ever).
    if (q.nextToken && !after) return { rows: [], nextToken: '' }
    if (after) { clauses.push('(t.key_id > ? OR (t.key_id = ? AND t.tag_key > ?))'); params.push(after[0], after[0], after[1]) }
    const rows = this.rs.prepare(
      `SELECT t.key_id AS ResourceId, t.tag_key AS TagKey, t.tag_value AS TagValue FROM ${TAGS} t ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY t.key_id, t.tag_key LIMIT ?`
    ).all(...params, q.pageSize + 1) as TagResourceRow[]
    const page = rows.slice(0, q.pageSize)
    const last = page[page.length - 1]
    return { rows: page, nextToken: rows.length > q.pageSize && last ? encodeToken([last.ResourceId, last.TagKey]) : '' }
  }

  async listAliases(q: { accountId?: string; region?: string } & Paging): Promise<{ aliases: AliasRef[]; totalCount: number }> {
    const clauses = ['1 = 1']
    const params: Param[] = []
    if (q.accountId) { clauses.push('account_id = ?'); params.push(q.accountId) }
    if (q.region) { clauses.push('region = ?'); params.push(q.region) }
    return this.aliasPage(clauses.join(' AND '), params, q)
  }

  async listAliasesByKeyId(q: { keyId: string } & Paging): Promise<{ aliases: AliasRef[]; totalCount: number }> {
    return this.aliasPage('key_id = ?', [q.keyId], q)
  }

  async listKeyVersions(q: { keyId: string } & Paging): Promise<{ versions: KeyVersionRow[]; totalCount: number }> {
    const total = this.rs.prepare(`SELECT count(*) AS n FROM ${VERSIONS} WHERE key_id = ?`).get(q.keyId) as { n: number }
    const versions = this.rs.prepare(`SELECT key_id AS keyId, version_id AS versionId, created_at AS createdAt FROM ${VERSIONS} WHERE key_id = ? ORDER BY created_at, version_id LIMIT ? OFFSET ?`)
      .all(q.keyId, q.pageSize, offset(q)) as KeyVersionRow[]
    return { versions, totalCount: total.n }
  }

  async describeKey(keyId: string): Promise<KeyCatalogueEntry | null> {
    const r = this.rs.prepare(`SELECT * FROM ${KEYS} WHERE key_id = ?`).get(keyId) as KeyRow | undefined
    if (!r) return null
    const tags = this.rs.prepare(`SELECT tag_key, tag_value FROM ${TAGS} WHERE key_id = ? ORDER BY tag_key`).all(keyId) as { tag_key: string; tag_value: string }[]
    const aliases = this.rs.prepare(`SELECT alias_name FROM ${ALIASES} WHERE key_id = ? ORDER BY alias_name`).all(keyId) as { alias_name: string }[]
    const versions = this.rs.prepare(`SELECT key_id AS keyId, version_id AS versionId, created_at AS createdAt FROM ${VERSIONS} WHERE key_id = ? ORDER BY created_at, version_id`).all(keyId) as KeyVersionRow[]
    return {
      keyId: r.key_id, arn: r.arn, accountId: r.account_id, region: r.region, kind: r.kind, instanceId: r.instance_id,
      spec: r.spec, usage: r.usage, origin: r.origin, protectionLevel: r.protection_level, state: r.state,
      description: r.description, creator: r.creator, createdAt: r.created_at,
      deletionProtection: { enabled: r.deletion_protection === 1, description: r.deletion_protection_description },
      deleteDate: r.delete_date,
      rotation: { enabled: r.rotation_enabled === 1, intervalSeconds: r.rotation_interval_seconds },
      lastRotationDate: r.last_rotation_date, primaryVersionId: r.primary_version_id, materialExpireAt: r.material_expire_at,
      tags: Object.fromEntries(tags.map((t) => [t.tag_key, t.tag_value])),
      aliases: aliases.map((a) => a.alias_name),
      versions,
    }
  }

  private aliasPage(where: string, params: Param[], p: Paging): { aliases: AliasRef[]; totalCount: number } {
    const total = this.rs.prepare(`SELECT count(*) AS n FROM ${ALIASES} WHERE ${where}`).get(...params) as { n: number }
    const rows = this.rs.prepare(`SELECT account_id, region, alias_name, key_id FROM ${ALIASES} WHERE ${where} ORDER BY alias_name, account_id, region LIMIT ? OFFSET ?`)
      .all(...params, p.pageSize, offset(p)) as { account_id: string; region: string; alias_name: string; key_id: string }[]
    return {
      aliases: rows.map((a) => ({ AliasName: a.alias_name, AliasArn: aliasArn(a.region, a.account_id, a.alias_name), KeyId: a.key_id })),
      totalCount: total.n,
    }
  }
}

interface KeyRow {
  key_id: string; arn: string; account_id: string; region: string; kind: KeyCatalogueEntry['kind']; instance_id: string | null
  spec: KeyCatalogueEntry['spec']; usage: KeyCatalogueEntry['usage']; origin: KeyCatalogueEntry['origin']
  protection_level: KeyCatalogueEntry['protectionLevel']; state: KeyCatalogueEntry['state']; description: string; creator: string
  created_at: string; deletion_protection: number; deletion_protection_description: string; delete_date: string | null
  rotation_enabled: number; rotation_interval_seconds: number | null; last_rotation_date: string; primary_version_id: string | null
  material_expire_at: string | null
}

const marks = (xs: readonly unknown[]): string => xs.map(() => '?').join(', ')
const offset = (p: Paging): number => (Math.max(1, p.pageNumber) - 1) * p.pageSize

const keyWhere = (f: KeyFilters): { where: string; params: Param[] } => {
  const clauses: string[] = []
  const params: Param[] = []
  const among = (col: string, values: readonly string[] | undefined) => {
    if (!values?.length) return
    clauses.push(`k.${col} IN (${marks(values)})`)
    params.push(...values)
  }
  if (f.accountId && f.coOwnedInstanceIds?.length) {
    clauses.push(`(k.account_id = ? OR k.instance_id IN (${marks(f.coOwnedInstanceIds)}))`)
    params.push(f.accountId, ...f.coOwnedInstanceIds)
  } else if (f.accountId) { clauses.push('k.account_id = ?'); params.push(f.accountId) }
  if (f.region) { clauses.push('k.region = ?'); params.push(f.region) }
  if (f.states?.length) among('state', f.states)
  else clauses.push(`k.state <> 'Deleted'`)
  among('spec', f.specs)
  among('usage', f.usages)
  among('origin', f.origins)
  among('protection_level', f.protectionLevels)
  among('instance_id', f.instanceIds)
  // S-1.1 CreatorType (domain/policy/service-key.ts): a creator with anything but digits is a service.
  const types = new Set(f.creatorTypes ?? [])
  if (types.size === 1) clauses.push(types.has('Service') ? `k.creator GLOB '*[^0-9]*'` : `k.creator NOT GLOB '*[^0-9]*'`)
  for (const t of f.tags ?? []) {
    clauses.push(`EXISTS (SELECT 1 FROM ${TAGS} t WHERE t.key_id = k.key_id AND t.tag_key = ?${t.value !== undefined ? ' AND t.tag_value = ?' : ''})`)
    params.push(t.key, ...(t.value !== undefined ? [t.value] : []))
  }
  if (f.aliases?.length) {
    clauses.push(`EXISTS (SELECT 1 FROM ${ALIASES} a WHERE a.key_id = k.key_id AND a.alias_name IN (${marks(f.aliases)}))`)
    params.push(...f.aliases)
  }
  return { where: clauses.join(' AND '), params }
}

/** The HTTP layer may check a NextToken first and answer InvalidParameter. */
export const isTagResourcesToken = (token: string): boolean => decodeToken(token) !== undefined

// An opaque page token: the last (key, tag key) of the previous page.
const encodeToken = (at: [string, string]): string => Buffer.from(JSON.stringify(at)).toString('base64url')
const decodeToken = (token: string): [string, string] | undefined => {
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
    return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' ? [v[0], v[1]] : undefined
  } catch {
    return undefined
  }
}
