import * as E from 'fp-ts/lib/Either.js'
import { evolve, initialState, KeyEvent, type KeyState } from '../../../domain/key/index.ts'
import type { EventStore } from '../../../domain/ports/event-store.ts'
import type {
  KeyCatalogueQuery, KeyFilter, ListKeysPage, ListKeysQuery, ListTagResourcesPage, ListTagResourcesQuery, TagResource,
} from '../../../domain/ports/key-catalogue.ts'
import { upcast } from '../../../domain/service/upcast.ts'

/**
 * STOPGAP, to be replaced by the key catalogue read model (projections/): answers ListKeys and ListTagResources
 * by reading and folding every `key-` stream on each call. Correct, but its cost grows with the whole store.
 */
export class ScanningKeyCatalogue implements KeyCatalogueQuery {
  constructor(private readonly store: EventStore) {}

  async listKeys(q: ListKeysQuery): Promise<ListKeysPage> {
    const keys = (await this.keysOf(q.accountId, q.region)).filter((k) => q.filters.every((f) => matches(k, f)))
    const page = keys.slice((q.pageNumber - 1) * q.pageSize, q.pageNumber * q.pageSize)
    return { keys: page.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })), totalCount: keys.length }
  }

  async listTagResources(q: ListTagResourcesQuery): Promise<ListTagResourcesPage> {
    const wanted = new Set(q.resourceIds)
    const rows: TagResource[] = []
    for (const k of await this.keysOf(q.accountId, q.region)) {
      if (wanted.size > 0 && !wanted.has(k.keyId)) continue
      if (!q.tags.every((t) => t.key in k.tags && (t.value === undefined || k.tags[t.key] === t.value))) continue
      for (const [TagKey, TagValue] of Object.entries(k.tags).sort(([a], [b]) => (a < b ? -1 : 1)))
        rows.push({ ResourceId: k.keyId, ResourceType: 'key', TagKey, TagValue })
    }
    const from = q.nextToken ? Number(q.nextToken) : 0
    const to = from + q.pageSize
    return { tagResources: rows.slice(from, to), nextToken: to < rows.length ? String(to) : '' }
  }

  /** Live keys of one account and region, oldest first. */
  private async keysOf(accountId: string, region: string): Promise<KeyState[]> {
    const states = new Map<string, KeyState>()
    for (const r of await this.store.readAll({ streamPrefixes: ['key-'] })) {
      const decoded = KeyEvent.decode(upcast(r))
      if (E.isLeft(decoded)) throw new Error(`Event ${r.revision} of ${r.streamId} (${r.type}) does not decode; the store needs an audit.`)
      states.set(r.streamId, evolve(states.get(r.streamId) ?? initialState, decoded.right))
    }
    return [...states.values()]
      .filter((k) => k.created && k.status !== 'Deleted' && k.accountId === accountId && k.region === region)
      .sort((a, b) => (a.createdAt === b.createdAt ? (a.keyId < b.keyId ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1))
  }
}

const valueOf = (k: KeyState, f: KeyFilter['key']): string => {
  switch (f) {
    case 'KeyState': return k.status
    case 'KeySpec': return k.spec
    case 'KeyUsage': return k.usage
    case 'ProtectionLevel': return k.protectionLevel
    case 'CreatorType': return 'User' // every key here is made through the API; service keys do not exist (S-1.1)
    case 'DKMSInstanceId': return k.instanceId ?? ''
  }
}

const matches = (k: KeyState, f: KeyFilter): boolean => f.values.includes(valueOf(k, f.key))
