import { list, type Reply } from './api.ts'
import type { App } from './app.ts'

// Reading the key list through the API: ListKeys (every page), DescribeKey per key, ListAliases once; tags and
// last call time only for the rows on screen. Filters, search and paging then work on what was read.

export interface KeyRow {
  readonly meta: Record<string, string>
  readonly aliases: string[]
}

/** At most this many keys are read for one listing (docs/console.md "Limits"). */
export const MAX_LISTED_KEYS = 1000

export const loadKeys = async (app: App): Promise<KeyRow[]> => {
  const ids: string[] = []
  for (let page = 1; ids.length < MAX_LISTED_KEYS; page++) {
    const r = await app.call('ListKeys', { PageNumber: String(page), PageSize: '100' })
    const keys = list<{ KeyId: string }>(r, 'Keys', 'Key')
    ids.push(...keys.map((k) => k.KeyId))
    if (keys.length < 100 || ids.length >= Number(r['TotalCount'] ?? 0)) break
  }
  const aliases = new Map<string, string[]>()
  for (let page = 1; ; page++) {
    const r = await app.call('ListAliases', { PageNumber: String(page), PageSize: '100' })
    const rows = list<{ KeyId: string; AliasName: string }>(r, 'Aliases', 'Alias')
    for (const a of rows) aliases.set(a.KeyId, [...(aliases.get(a.KeyId) ?? []), a.AliasName])
    if (rows.length < 100) break
  }
  const metas = await Promise.all(ids.map((id) => app.call('DescribeKey', { KeyId: id })))
  return metas.map((r) => {
    const meta = r['KeyMetadata'] as Record<string, string>
    return { meta, aliases: aliases.get(meta['KeyId']!) ?? [] }
  })
}

export const keyTags = async (app: App, keyId: string): Promise<{ TagKey: string; TagValue: string }[]> =>
  list(await app.call('ListResourceTags', { KeyId: keyId }), 'Tags', 'Tag')

export const lastCallTime = async (app: App, keyId: string): Promise<Reply> => app.call('GetKeyLastCallTime', { KeyId: keyId })
