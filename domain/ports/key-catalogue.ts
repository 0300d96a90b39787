/**
 * Queries over all keys (ListKeys, ListTagResources). A read model answers them (DESIGN §6); until it lands
 * an adapter may fold the key streams on demand.
 */
export type KeyFilterName = 'KeyState' | 'KeySpec' | 'KeyUsage' | 'ProtectionLevel' | 'CreatorType' | 'DKMSInstanceId'

export interface KeyFilter {
  readonly key: KeyFilterName
  /** A key matches when its value is one of these (OR within a filter, AND across filters). */
  readonly values: readonly string[]
}

export interface ListKeysQuery {
  readonly accountId: string
  readonly region: string
  readonly filters: readonly KeyFilter[]
  readonly pageNumber: number
  readonly pageSize: number
}

export interface ListKeysPage {
  readonly keys: readonly { readonly KeyId: string; readonly KeyArn: string }[]
  readonly totalCount: number
}

export interface ListTagResourcesQuery {
  readonly accountId: string
  readonly region: string
  /** Only these keys (ids); empty: every key. */
  readonly resourceIds: readonly string[]
  /** Only keys carrying every one of these tags (a tag without value matches any value of that key). */
  readonly tags: readonly { readonly key: string; readonly value?: string }[]
  /** Opaque; '' or absent for the first page. */
  readonly nextToken?: string
  readonly pageSize: number
}

export interface TagResource {
  readonly ResourceId: string
  readonly ResourceType: 'key'
  readonly TagKey: string
  readonly TagValue: string
}

export interface ListTagResourcesPage {
  readonly tagResources: readonly TagResource[]
  /** '' when there is no further page. */
  readonly nextToken: string
}

export interface KeyCatalogueQuery {
  listKeys(q: ListKeysQuery): Promise<ListKeysPage>
  listTagResources(q: ListTagResourcesQuery): Promise<ListTagResourcesPage>
}
