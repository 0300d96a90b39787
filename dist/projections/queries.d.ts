import type { KeyStatus } from '../domain/key/state.ts';
import type { KeyPolicyChange } from '../domain/policy/quota.ts';
import type { UsageStatus } from './usage/last-call.ts';
import type { KeyKind, KeySpec, KeyUsage, Origin, ProtectionLevel } from '../domain/values/key-spec.ts';
/** ListKeys filters: within one filter the values are alternatives (OR); different filters all hold (AND). */
export interface KeyFilters {
    readonly accountId?: string;
    /**
     * S-5.1 co-ownership: keys in these instances are listed with `accountId`'s own (the instances the account owns
     * and shares: keys other accounts create there are co-owned by the instance's owner).
     */
    readonly coOwnedInstanceIds?: readonly string[];
    readonly region?: string;
    readonly states?: readonly KeyStatus[];
    readonly specs?: readonly KeySpec[];
    readonly usages?: readonly KeyUsage[];
    readonly origins?: readonly Origin[];
    readonly protectionLevels?: readonly ProtectionLevel[];
    readonly instanceIds?: readonly string[];
    /** Each tag must be on the key; without a value any value matches. */
    readonly tags?: readonly {
        readonly key: string;
        readonly value?: string;
    }[];
    /** Keys that any of these aliases (`alias/…`) point to. */
    readonly aliases?: readonly string[];
}
export interface Paging {
    /** From 1. */
    readonly pageNumber: number;
    readonly pageSize: number;
}
export interface KeyRef {
    readonly KeyId: string;
    readonly KeyArn: string;
}
export interface AliasRef {
    readonly AliasName: string;
    readonly AliasArn: string;
    readonly KeyId: string;
}
export interface TagResourceRow {
    readonly ResourceId: string;
    readonly TagKey: string;
    readonly TagValue: string;
}
export interface KeyVersionRow {
    readonly keyId: string;
    readonly versionId: string;
    readonly createdAt: string;
}
/** One key as the catalogue knows it (DescribeKey's metadata, tags, aliases and versions). */
export interface KeyCatalogueEntry {
    readonly keyId: string;
    readonly arn: string;
    readonly accountId: string;
    readonly region: string;
    readonly kind: KeyKind;
    readonly instanceId: string | null;
    readonly spec: KeySpec;
    readonly usage: KeyUsage;
    readonly origin: Origin;
    readonly protectionLevel: ProtectionLevel;
    readonly state: KeyStatus;
    readonly description: string;
    readonly creator: string;
    readonly createdAt: string;
    readonly deletionProtection: {
        readonly enabled: boolean;
        readonly description: string;
    };
    readonly deleteDate: string | null;
    readonly rotation: {
        readonly enabled: boolean;
        readonly intervalSeconds: number | null;
    };
    readonly lastRotationDate: string;
    readonly primaryVersionId: string | null;
    readonly materialExpireAt: string | null;
    readonly tags: Readonly<Record<string, string>>;
    readonly aliases: readonly string[];
    readonly versions: readonly KeyVersionRow[];
}
export interface KeyCatalogueQuery {
    listKeys(q: {
        readonly filters?: KeyFilters;
    } & Paging): Promise<{
        readonly keys: readonly KeyRef[];
        readonly totalCount: number;
    }>;
    /** ListTagResources: 200 rows a page at most (API reference §5.6); `nextToken` is "" when done. */
    listTagResources(q: {
        /** Only keys of this account and region (deleted keys never). */
        readonly accountId?: string;
        readonly region?: string;
        readonly keyIds?: readonly string[];
        /** Only keys carrying every one of these tags (without a value: any value); all their tags are listed. */
        readonly tags?: readonly {
            readonly key: string;
            readonly value?: string;
        }[];
        readonly nextToken?: string;
        readonly pageSize: number;
    }): Promise<{
        readonly rows: readonly TagResourceRow[];
        readonly nextToken: string;
    }>;
    listAliases(q: {
        readonly accountId?: string;
        readonly region?: string;
    } & Paging): Promise<{
        readonly aliases: readonly AliasRef[];
        readonly totalCount: number;
    }>;
    listAliasesByKeyId(q: {
        readonly keyId: string;
    } & Paging): Promise<{
        readonly aliases: readonly AliasRef[];
        readonly totalCount: number;
    }>;
    listKeyVersions(q: {
        readonly keyId: string;
    } & Paging): Promise<{
        readonly versions: readonly KeyVersionRow[];
        readonly totalCount: number;
    }>;
    /** The key as the catalogue holds it, deleted keys included; null when the catalogue never saw it. */
    describeKey(keyId: string): Promise<KeyCatalogueEntry | null>;
}
/** S-5.4: every key policy an instance's keys have had, in store order (the quota gate's history). */
export interface KeyPolicyHistoryQuery {
    /** `pool`: the instance id, or `default-key:<account>` for keys outside any instance (policyPoolOf). */
    history(pool: string): Promise<readonly KeyPolicyChange[]>;
}
/** S-10: one product's use of a key; `lastCallTime` is null when the last call is older than 365 days. */
export interface ProductAssociation {
    /** The caller service (`ecs`, …); "" for calls that named none (self-built applications). */
    readonly service: string;
    readonly lastCallTime: string | null;
    readonly calls: number;
    readonly resources: readonly {
        readonly resource: string;
        readonly lastCallTime: string | null;
        readonly calls: number;
    }[];
}
export interface KeyLastCall {
    readonly keyId: string;
    readonly status: UsageStatus;
    /** Only for a call within the last 365 days of `now` (S-10.3). */
    readonly lastCallTime: string | null;
    readonly trackingSince: string | null;
}
export interface KeyAssociations extends KeyLastCall {
    readonly products: readonly ProductAssociation[];
}
/** Association detection and last call time (S-10), answered from the usage view at once. */
export interface KeyUsageQuery {
    describeKeyAssociations(keyId: string, now: Date): Promise<KeyAssociations>;
    getKeyLastCallTime(keyId: string, now: Date): Promise<KeyLastCall>;
}
