import * as t from 'io-ts';
export declare const RotationSettings: t.TypeC<{
    enabled: t.BooleanC;
    intervalSeconds: t.UnionC<[t.NumberC, t.NullC]>;
}>;
export type RotationSettings = t.TypeOf<typeof RotationSettings>;
export declare const KeyCreated: t.TypeC<{
    type: t.LiteralC<"KeyCreated">;
    data: t.TypeC<{
        keyId: t.StringC;
        accountId: t.StringC;
        region: t.StringC;
        arn: t.StringC;
        kind: t.KeyofC<{
            default: null;
            software: null;
            hardware: null;
            external: null;
        }>;
        instanceId: t.UnionC<[t.StringC, t.NullC]>;
        externalKeyId: t.UnionC<[t.StringC, t.NullC]>;
        spec: t.KeyofC<{
            Aliyun_AES_256: null;
            Aliyun_AES_192: null;
            Aliyun_AES_128: null;
            Aliyun_SM4: null;
            RSA_2048: null;
            RSA_3072: null;
            RSA_4096: null;
            EC_P256: null;
            EC_P256K: null;
            EC_SM2: null;
            HMAC_SHA256: null;
        }>;
        usage: t.KeyofC<{
            'ENCRYPT/DECRYPT': null;
            'SIGN/VERIFY': null;
            'GENERATE/VERIFY_MAC': null;
        }>;
        origin: t.KeyofC<{
            Aliyun_KMS: null;
            EXTERNAL: null;
        }>;
        protectionLevel: t.KeyofC<{
            SOFTWARE: null;
            HSM: null;
        }>;
        description: t.StringC;
        creator: t.StringC;
        createdAt: t.StringC;
        /** The first version; for EXTERNAL origin it has no material until ImportKeyMaterial. */
        initialVersionId: t.StringC;
        rotation: t.TypeC<{
            enabled: t.BooleanC;
            intervalSeconds: t.UnionC<[t.NumberC, t.NullC]>;
        }>;
        policy: t.StringC;
    }>;
}>;
export declare const KeyEnabled: t.TypeC<{
    type: t.LiteralC<"KeyEnabled">;
    data: t.TypeC<{
        keyId: t.StringC;
    }>;
}>;
export declare const KeyDisabled: t.TypeC<{
    type: t.LiteralC<"KeyDisabled">;
    data: t.TypeC<{
        keyId: t.StringC;
    }>;
}>;
export declare const DeletionProtectionEnabled: t.TypeC<{
    type: t.LiteralC<"DeletionProtectionEnabled">;
    data: t.TypeC<{
        keyId: t.StringC;
        description: t.StringC;
    }>;
}>;
export declare const DeletionProtectionDisabled: t.TypeC<{
    type: t.LiteralC<"DeletionProtectionDisabled">;
    data: t.TypeC<{
        keyId: t.StringC;
    }>;
}>;
export declare const DeletionScheduled: t.TypeC<{
    type: t.LiteralC<"DeletionScheduled">;
    data: t.TypeC<{
        keyId: t.StringC;
        pendingWindowInDays: t.NumberC;
        deleteDate: t.StringC;
    }>;
}>;
export declare const DeletionCancelled: t.TypeC<{
    type: t.LiteralC<"DeletionCancelled">;
    data: t.TypeC<{
        keyId: t.StringC;
    }>;
}>;
export declare const KeyDeleted: t.TypeC<{
    type: t.LiteralC<"KeyDeleted">;
    data: t.TypeC<{
        keyId: t.StringC;
        deletedAt: t.StringC;
    }>;
}>;
export declare const TagBound: t.TypeC<{
    type: t.LiteralC<"TagBound">;
    data: t.TypeC<{
        keyId: t.StringC;
        tagKey: t.StringC;
        tagValue: t.StringC;
    }>;
}>;
export declare const TagUnbound: t.TypeC<{
    type: t.LiteralC<"TagUnbound">;
    data: t.TypeC<{
        keyId: t.StringC;
        tagKey: t.StringC;
    }>;
}>;
export declare const VersionRotated: t.TypeC<{
    type: t.LiteralC<"VersionRotated">;
    data: t.TypeC<{
        keyId: t.StringC;
        versionId: t.StringC;
        reason: t.KeyofC<{
            manual: null;
            automatic: null;
        }>;
        rotatedAt: t.StringC;
    }>;
}>;
export declare const KeyVersionCreated: t.TypeC<{
    type: t.LiteralC<"KeyVersionCreated">;
    data: t.TypeC<{
        keyId: t.StringC;
        versionId: t.StringC;
        createdAt: t.StringC;
    }>;
}>;
export declare const RotationPolicyUpdated: t.TypeC<{
    type: t.LiteralC<"RotationPolicyUpdated">;
    data: t.TypeC<{
        keyId: t.StringC;
        rotation: t.TypeC<{
            enabled: t.BooleanC;
            intervalSeconds: t.UnionC<[t.NumberC, t.NullC]>;
        }>;
    }>;
}>;
export declare const DescriptionUpdated: t.TypeC<{
    type: t.LiteralC<"DescriptionUpdated">;
    data: t.TypeC<{
        keyId: t.StringC;
        description: t.StringC;
    }>;
}>;
export declare const KeyPolicyUpdated: t.TypeC<{
    type: t.LiteralC<"KeyPolicyUpdated">;
    data: t.TypeC<{
        keyId: t.StringC;
        policy: t.StringC;
    }>;
}>;
export declare const KeyMaterialImported: t.TypeC<{
    type: t.LiteralC<"KeyMaterialImported">;
    data: t.TypeC<{
        keyId: t.StringC;
        versionId: t.StringC;
        importedAt: t.StringC;
        expireAt: t.UnionC<[t.StringC, t.NullC]>;
    }>;
}>;
export declare const KeyMaterialDeleted: t.TypeC<{
    type: t.LiteralC<"KeyMaterialDeleted">;
    data: t.TypeC<{
        keyId: t.StringC;
        reason: t.KeyofC<{
            deleted: null;
            expired: null;
        }>;
    }>;
}>;
/**
 * The material a KeyDeleted or KeyMaterialDeleted ended was destroyed (crypto-shredding), as the executors
 * confirmed: recorded by the shredding reconciliation (adapters/scheduler/shred-deleted-material.ts) so an auditor
 * sees the destruction happened, not only that it was due. `versionIds`: the versions whose material went.
 */
export declare const KeyMaterialDestroyed: t.TypeC<{
    type: t.LiteralC<"KeyMaterialDestroyed">;
    data: t.IntersectionC<[t.TypeC<{
        keyId: t.StringC;
        destroyedAt: t.StringC;
    }>, t.PartialC<{
        versionIds: t.ArrayC<t.StringC>;
    }>]>;
}>;
export declare const KeyEvent: t.UnionC<[t.TypeC<{
    type: t.LiteralC<"KeyCreated">;
    data: t.TypeC<{
        keyId: t.StringC;
        accountId: t.StringC;
        region: t.StringC;
        arn: t.StringC;
        kind: t.KeyofC<{
            default: null;
            software: null;
            hardware: null;
            external: null;
        }>;
        instanceId: t.UnionC<[t.StringC, t.NullC]>;
        externalKeyId: t.UnionC<[t.StringC, t.NullC]>;
        spec: t.KeyofC<{
            Aliyun_AES_256: null;
            Aliyun_AES_192: null;
            Aliyun_AES_128: null;
            Aliyun_SM4: null;
            RSA_2048: null;
            RSA_3072: null;
            RSA_4096: null;
            EC_P256: null;
            EC_P256K: null;
            EC_SM2: null;
            HMAC_SHA256: null;
        }>;
        usage: t.KeyofC<{
            'ENCRYPT/DECRYPT': null;
            'SIGN/VERIFY': null;
            'GENERATE/VERIFY_MAC': null;
        }>;
        origin: t.KeyofC<{
            Aliyun_KMS: null;
            EXTERNAL: null;
        }>;
        protectionLevel: t.KeyofC<{
            SOFTWARE: null;
            HSM: null;
        }>;
        description: t.StringC;
        creator: t.StringC;
        createdAt: t.StringC;
        /** The first version; for EXTERNAL origin it has no material until ImportKeyMaterial. */
        initialVersionId: t.StringC;
        rotation: t.TypeC<{
            enabled: t.BooleanC;
            intervalSeconds: t.UnionC<[t.NumberC, t.NullC]>;
        }>;
        policy: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"KeyEnabled">;
    data: t.TypeC<{
        keyId: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"KeyDisabled">;
    data: t.TypeC<{
        keyId: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"DeletionProtectionEnabled">;
    data: t.TypeC<{
        keyId: t.StringC;
        description: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"DeletionProtectionDisabled">;
    data: t.TypeC<{
        keyId: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"DeletionScheduled">;
    data: t.TypeC<{
        keyId: t.StringC;
        pendingWindowInDays: t.NumberC;
        deleteDate: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"DeletionCancelled">;
    data: t.TypeC<{
        keyId: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"KeyDeleted">;
    data: t.TypeC<{
        keyId: t.StringC;
        deletedAt: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"TagBound">;
    data: t.TypeC<{
        keyId: t.StringC;
        tagKey: t.StringC;
        tagValue: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"TagUnbound">;
    data: t.TypeC<{
        keyId: t.StringC;
        tagKey: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"VersionRotated">;
    data: t.TypeC<{
        keyId: t.StringC;
        versionId: t.StringC;
        reason: t.KeyofC<{
            manual: null;
            automatic: null;
        }>;
        rotatedAt: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"KeyVersionCreated">;
    data: t.TypeC<{
        keyId: t.StringC;
        versionId: t.StringC;
        createdAt: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"RotationPolicyUpdated">;
    data: t.TypeC<{
        keyId: t.StringC;
        rotation: t.TypeC<{
            enabled: t.BooleanC;
            intervalSeconds: t.UnionC<[t.NumberC, t.NullC]>;
        }>;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"DescriptionUpdated">;
    data: t.TypeC<{
        keyId: t.StringC;
        description: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"KeyPolicyUpdated">;
    data: t.TypeC<{
        keyId: t.StringC;
        policy: t.StringC;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"KeyMaterialImported">;
    data: t.TypeC<{
        keyId: t.StringC;
        versionId: t.StringC;
        importedAt: t.StringC;
        expireAt: t.UnionC<[t.StringC, t.NullC]>;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"KeyMaterialDeleted">;
    data: t.TypeC<{
        keyId: t.StringC;
        reason: t.KeyofC<{
            deleted: null;
            expired: null;
        }>;
    }>;
}>, t.TypeC<{
    type: t.LiteralC<"KeyMaterialDestroyed">;
    data: t.IntersectionC<[t.TypeC<{
        keyId: t.StringC;
        destroyedAt: t.StringC;
    }>, t.PartialC<{
        versionIds: t.ArrayC<t.StringC>;
    }>]>;
}>]>;
export type KeyEvent = t.TypeOf<typeof KeyEvent>;
export type KeyEventType = KeyEvent['type'];
export type KeyEventOf<T extends KeyEventType> = Extract<KeyEvent, {
    type: T;
}>;
/** The outcome of a data-plane or control-plane call, recorded on `keyusage-<KeyId>` (docs/architecture.md §3). */
export declare const ActionInvoked: t.TypeC<{
    type: t.LiteralC<"ActionInvoked">;
    data: t.IntersectionC<[t.TypeC<{
        keyId: t.StringC;
        versionId: t.UnionC<[t.StringC, t.NullC]>;
        action: t.StringC;
        outcome: t.KeyofC<{
            allowed: null;
            denied: null;
            failed: null;
        }>;
        errorCode: t.UnionC<[t.StringC, t.NullC]>;
        callerService: t.UnionC<[t.StringC, t.NullC]>;
        callerResource: t.UnionC<[t.StringC, t.NullC]>;
        requestId: t.StringC;
        at: t.StringC;
    }>, t.PartialC<{
        algorithm: t.StringC;
    }>]>;
}>;
export type ActionInvoked = t.TypeOf<typeof ActionInvoked>;
export declare const keyStreamId: (keyId: string) => string;
export declare const keyUsageStreamId: (keyId: string) => string;
