import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { type Principal } from '../domain/policy/index.ts';
/**
 * A hardware instance's token (PKCS#11). The PIN is best given through an environment variable named by
 * `pinEnv`, so the file holds no secret; `pin` in the file also works (keep the file 0600 then).
 */
declare const Pkcs11InstanceConfig: t.IntersectionC<[t.TypeC<{
    tokenLabel: t.StringC;
}>, t.PartialC<{
    modulePath: t.StringC;
    pin: t.StringC;
    pinEnv: t.StringC;
    maxSessions: t.NumberC;
}>]>;
export type Pkcs11InstanceConfig = t.TypeOf<typeof Pkcs11InstanceConfig>;
declare const InstanceConfig: t.IntersectionC<[t.TypeC<{
    instanceId: t.StringC;
    kind: t.KeyofC<{
        software: null;
        hardware: null;
        external: null;
    }>;
}>, t.PartialC<{
    accountId: t.StringC;
    default: t.BooleanC;
    pkcs11: t.IntersectionC<[t.TypeC<{
        tokenLabel: t.StringC;
    }>, t.PartialC<{
        modulePath: t.StringC;
        pin: t.StringC;
        pinEnv: t.StringC;
        maxSessions: t.NumberC;
    }>]>;
    /** S-5.1 resource sharing: other main accounts that may create keys in this instance. */
    sharedWith: t.ArrayC<t.StringC>;
    /** S-5.4: how many other main accounts the instance's key policies may name (default 10). */
    accessManagementQuota: t.NumberC;
}>]>;
export type InstanceConfig = t.TypeOf<typeof InstanceConfig>;
/** A main account and the RAM users and roles it has (names only: their grants are in `identityPolicies`). */
declare const AccountConfig: t.IntersectionC<[t.TypeC<{
    accountId: t.StringC;
}>, t.PartialC<{
    users: t.ArrayC<t.StringC>;
    roles: t.ArrayC<t.StringC>;
}>]>;
export type AccountConfig = t.TypeOf<typeof AccountConfig>;
/** S-5.4: keyledger's default when an instance does not say; the real service sells it with the instance. */
export declare const DEFAULT_ACCESS_MANAGEMENT_QUOTA = 10;
export declare const StoreConfig: t.UnionC<[t.TypeC<{
    type: t.LiteralC<"memory">;
}>, t.IntersectionC<[t.TypeC<{
    type: t.LiteralC<"sqlite">;
}>, t.PartialC<{
    path: t.StringC;
}>]>, t.TypeC<{
    type: t.LiteralC<"esdb">;
    url: t.StringC;
}>]>;
export type StoreConfig = t.TypeOf<typeof StoreConfig>;
/**
 * Where software keys' material lives. Default: `esdb` (vault streams, shared by every node) when the store is
 * EventStoreDB, `sqlite` (`<dataDir>/vault.sqlite`) otherwise; `sqlite` on EventStoreDB suits a single node only.
 */
export declare const VaultConfig: t.TypeC<{
    type: t.KeyofC<{
        sqlite: null;
        esdb: null;
    }>;
}>;
export type VaultConfig = t.TypeOf<typeof VaultConfig>;
/** Where checkpoints are pushed besides the data dir (adapters/audit/witness.ts; docs/verifiable-log.md). */
export declare const WitnessConfigCodec: t.UnionC<[t.TypeC<{
    type: t.LiteralC<"directory">;
    path: t.StringC;
}>, t.IntersectionC<[t.TypeC<{
    type: t.LiteralC<"http">;
    url: t.StringC;
}>, t.PartialC<{
    timeoutMs: t.NumberC;
}>]>]>;
export declare const AuditConfig: t.PartialC<{
    witnesses: t.ArrayC<t.UnionC<[t.TypeC<{
        type: t.LiteralC<"directory">;
        path: t.StringC;
    }>, t.IntersectionC<[t.TypeC<{
        type: t.LiteralC<"http">;
        url: t.StringC;
    }>, t.PartialC<{
        timeoutMs: t.NumberC;
    }>]>]>>;
}>;
export type AuditConfig = t.TypeOf<typeof AuditConfig>;
export declare const AppConfig: t.IntersectionC<[t.TypeC<{
    dataDir: t.StringC;
    listen: t.StringC;
    accountId: t.StringC;
    region: t.StringC;
    instances: t.ArrayC<t.IntersectionC<[t.TypeC<{
        instanceId: t.StringC;
        kind: t.KeyofC<{
            software: null;
            hardware: null;
            external: null;
        }>;
    }>, t.PartialC<{
        accountId: t.StringC;
        default: t.BooleanC;
        pkcs11: t.IntersectionC<[t.TypeC<{
            tokenLabel: t.StringC;
        }>, t.PartialC<{
            modulePath: t.StringC;
            pin: t.StringC;
            pinEnv: t.StringC;
            maxSessions: t.NumberC;
        }>]>;
        /** S-5.1 resource sharing: other main accounts that may create keys in this instance. */
        sharedWith: t.ArrayC<t.StringC>;
        /** S-5.4: how many other main accounts the instance's key policies may name (default 10). */
        accessManagementQuota: t.NumberC;
    }>]>>;
    accessKeys: t.ArrayC<t.IntersectionC<[t.TypeC<{
        accessKeyId: t.StringC;
        accessKeySecret: t.StringC;
    }>, t.PartialC<{
        principal: t.StringC;
        accountId: t.StringC;
        enabled: t.BooleanC;
    }>]>>;
    store: t.UnionC<[t.TypeC<{
        type: t.LiteralC<"memory">;
    }>, t.IntersectionC<[t.TypeC<{
        type: t.LiteralC<"sqlite">;
    }>, t.PartialC<{
        path: t.StringC;
    }>]>, t.TypeC<{
        type: t.LiteralC<"esdb">;
        url: t.StringC;
    }>]>;
}>, t.PartialC<{
    vault: t.TypeC<{
        type: t.KeyofC<{
            sqlite: null;
            esdb: null;
        }>;
    }>;
    hostId: t.StringC;
    /** `keyledger serve` only: false serves no bootstrap access key (also KMS_BOOTSTRAP_ACCESS_KEY=off). */
    bootstrapAccessKey: t.BooleanC;
    auth: t.PartialC<{
        hosts: t.ArrayC<t.StringC>;
        timestampWindowSeconds: t.NumberC;
        timestampAheadSeconds: t.NumberC;
        maxNonces: t.NumberC;
        maxNoncesPerKey: t.NumberC;
    }>;
    tls: t.TypeC<{
        cert: t.StringC;
        key: t.StringC;
    }>;
    http: t.PartialC<{
        maxBodyBytes: t.NumberC;
        maxConnections: t.NumberC;
        maxConnectionsPerIp: t.NumberC;
        requestTimeoutMs: t.NumberC;
        headersTimeoutMs: t.NumberC;
    }>;
    accounts: t.ArrayC<t.IntersectionC<[t.TypeC<{
        accountId: t.StringC;
    }>, t.PartialC<{
        users: t.ArrayC<t.StringC>;
        roles: t.ArrayC<t.StringC>;
    }>]>>;
    /** What each account grants its RAM users and roles (S-5.3), in the shape of domain/policy/identity-policy.ts. */
    identityPolicies: t.ArrayC<t.TypeC<{
        principal: t.Type<Principal, string, unknown>;
        policies: t.ArrayC<t.Type<{
            Version: "1";
            Statement: ({
                Effect: "Allow" | "Deny";
                Action: readonly string[];
                Resource: readonly string[];
            } & {
                Sid?: string | undefined;
                Condition?: {
                    [key: string]: unknown;
                } | undefined;
            })[];
        }, {
            Version: "1";
            Statement: ({
                Effect: "Allow" | "Deny";
                Action: string | readonly string[];
                Resource: string | readonly string[];
            } & {
                Sid?: string | undefined;
                Condition?: {
                    [key: string]: unknown;
                } | undefined;
            })[];
        }, unknown>>;
    }>>;
    /** The verifiable log's witnesses (docs/verifiable-log.md). */
    audit: t.PartialC<{
        witnesses: t.ArrayC<t.UnionC<[t.TypeC<{
            type: t.LiteralC<"directory">;
            path: t.StringC;
        }>, t.IntersectionC<[t.TypeC<{
            type: t.LiteralC<"http">;
            url: t.StringC;
        }>, t.PartialC<{
            timeoutMs: t.NumberC;
        }>]>]>>;
    }>;
    scheduler: t.PartialC<{
        enabled: t.BooleanC;
        /** TESTS AND DEMOS ONLY (KMS_ROTATION_UNIT): rotation intervals count these units instead of days. */
        rotationUnit: t.KeyofC<{
            day: null;
            hour: null;
            minute: null;
            second: null;
        }>;
        schedules: t.PartialC<{
            rotateDueKeys: t.StringC;
            deleteExpiredPendingKeys: t.StringC;
            expireImportedMaterial: t.StringC;
            shredDeletedMaterial: t.StringC;
            checkpointAuditLog: t.StringC;
        }>;
        timezone: t.StringC;
    }>;
}>]>;
export type AppConfig = t.TypeOf<typeof AppConfig>;
export declare const decodeConfig: (u: unknown) => E.Either<string, AppConfig>;
export {};
