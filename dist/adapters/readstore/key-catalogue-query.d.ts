import type { AliasRef, KeyCatalogueEntry, KeyCatalogueQuery, KeyFilters, KeyRef, KeyVersionRow, Paging, TagResourceRow } from '../../projections/queries.ts';
import type { SqliteReadStore } from './sqlite.ts';
/** The key catalogue port over the SQLite read store; every filter is a bound parameter, never spliced text. */
export declare class SqliteKeyCatalogueQuery implements KeyCatalogueQuery {
    private readonly rs;
    constructor(rs: SqliteReadStore);
    listKeys(q: {
        filters?: KeyFilters;
    } & Paging): Promise<{
        keys: KeyRef[];
        totalCount: number;
    }>;
    listTagResources(q: {
        accountId?: string;
        region?: string;
        keyIds?: readonly string[];
        tags?: readonly {
            key: string;
            value?: string;
        }[];
        nextToken?: string;
        pageSize: number;
    }): Promise<{
        rows: TagResourceRow[];
        nextToken: string;
    }>;
    listAliases(q: {
        accountId?: string;
        region?: string;
    } & Paging): Promise<{
        aliases: AliasRef[];
        totalCount: number;
    }>;
    listAliasesByKeyId(q: {
        keyId: string;
    } & Paging): Promise<{
        aliases: AliasRef[];
        totalCount: number;
    }>;
    listKeyVersions(q: {
        keyId: string;
    } & Paging): Promise<{
        versions: KeyVersionRow[];
        totalCount: number;
    }>;
    describeKey(keyId: string): Promise<KeyCatalogueEntry | null>;
    private aliasPage;
}
/** The HTTP layer may check a NextToken first and answer InvalidParameter. */
export declare const isTagResourcesToken: (token: string) => boolean;
