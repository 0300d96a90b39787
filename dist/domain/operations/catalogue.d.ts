import * as t from 'io-ts';
import type { StateGate } from '../key/state-table.ts';
import type { ActionScope, KmsAction } from '../policy/actions.ts';
/** How an operation finds its key. */
export type KeyLookup = 'none' | 'KeyId' | 'KeyId or alias' | 'AliasName' | 'KeyId or ProtectedResourceArn' | 'ResourceId.N' | 'CiphertextBlob' | 'CiphertextBlob and DestinationKeyId' | 'scheduler';
/** Where an operation is offered: the API, or only the scheduler's own commands. */
export type Surface = 'api' | 'scheduler';
export interface Operation {
    readonly name: string;
    /** The API reference section (or S-rule) that specifies it. */
    readonly ref: string;
    readonly surface: Surface;
    /** One permission, or ReEncrypt's two (source and destination key); none for the scheduler's commands. */
    readonly permission: {
        readonly action: KmsAction;
        readonly scope: ActionScope;
    } | {
        readonly source: KmsAction;
        readonly destination: KmsAction;
    } | null;
    readonly key: KeyLookup;
    readonly gate: StateGate;
    readonly writes: boolean;
    readonly wire: t.Type<Record<string, unknown>, Record<string, unknown>>;
}
declare const DECLARATIONS: {
    CreateKey: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "account";
        };
        key: "none";
        gate: "any";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    DescribeKey: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    ListKeys: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "account";
        };
        key: "none";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    EnableKey: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId";
        gate: "toggle";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    DisableKey: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId";
        gate: "toggle";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    ScheduleKeyDeletion: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId";
        gate: "schedulable";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    CancelKeyDeletion: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId";
        gate: "cancellable";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    SetDeletionProtection: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or ProtectedResourceArn";
        gate: "any";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    UpdateKeyDescription: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId";
        gate: "editable";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    UpdateRotationPolicy: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId";
        gate: "usable";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    CreateKeyVersion: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "usable";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    DescribeKeyVersion: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    ListKeyVersions: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    CreateAlias: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId";
        gate: "schedulable";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    UpdateAlias: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId";
        gate: "editable";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    DeleteAlias: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "AliasName";
        gate: "any";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    ListAliases: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "account";
        };
        key: "none";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    ListAliasesByKeyId: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    TagResource: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId";
        gate: "editable";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    UntagResource: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId";
        gate: "editable";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    TagResources: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "ResourceId.N";
        gate: "editable";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    UntagResources: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "ResourceId.N";
        gate: "editable";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    ListResourceTags: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    ListTagResources: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "account";
        };
        key: "ResourceId.N";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    Encrypt: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "usable";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    Decrypt: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "CiphertextBlob";
        gate: "usable";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    ReEncrypt: {
        ref: string;
        permission: {
            source: "kms:ReEncryptFrom";
            destination: "kms:ReEncryptTo";
        };
        key: "CiphertextBlob and DestinationKeyId";
        gate: "usable";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    GenerateDataKey: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "usable";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    GenerateDataKeyWithoutPlaintext: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "usable";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    GenerateAndExportDataKey: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "usable";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    ExportDataKey: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "CiphertextBlob";
        gate: "usable";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    GenerateMac: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "usable";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    VerifyMac: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "usable";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    AsymmetricEncrypt: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "usable";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    AsymmetricDecrypt: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "usable";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    AsymmetricSign: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "usable";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    AsymmetricVerify: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "usable";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    GetPublicKey: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    GetParametersForImport: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    ImportKeyMaterial: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "schedulable";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    DeleteKeyMaterial: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "any";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    GetKeyPolicy: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    SetKeyPolicy: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId";
        gate: "any";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    DescribeRegions: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "account";
        };
        key: "none";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    GetDefaultKmsInstance: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "account";
        };
        key: "none";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    DescribeKeyAssociations: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    GetKeyLastCallTime: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    ListKeyHistory: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    GetComplianceReport: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "account";
        };
        key: "none";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    GetAuditPublicKey: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "account";
        };
        key: "none";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    GetAuditCheckpoint: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "account";
        };
        key: "none";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    GetConsistencyProof: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "account";
        };
        key: "none";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    GetInclusionProof: {
        ref: string;
        permission: {
            action: `kms:${string}`;
            scope: "key";
        };
        key: "KeyId or alias";
        gate: "any";
        writes: false;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    RotateKey: {
        ref: string;
        surface: "scheduler";
        permission: null;
        key: "scheduler";
        gate: "usable";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
    DeleteKey: {
        ref: string;
        surface: "scheduler";
        permission: null;
        key: "scheduler";
        gate: "cancellable";
        writes: true;
        wire: t.Type<Record<string, unknown>, Record<string, unknown>, unknown>;
    };
};
export type OperationName = keyof typeof DECLARATIONS;
/** The optional parameter that makes a writing call idempotent (issue 17; docs/http-api.md "Idempotent writes"). */
export declare const CLIENT_TOKEN = "ClientToken";
/** The header for clients that cannot add a parameter; the same token as ClientToken. */
export declare const IDEMPOTENCY_HEADER = "x-keyledger-idempotency-key";
/** Whether an operation takes a client token: the rule, once, for every writing API operation. */
export declare const acceptsClientToken: (o: Pick<Operation, "writes" | "surface">) => boolean;
export declare const OPERATIONS: Readonly<Record<OperationName, Operation>>;
/** The operation an API action names; undefined for unknown names (and never a prototype key). */
export declare const operationOf: (name: string) => Operation | undefined;
/** Every operation the API offers, in declaration order. */
export declare const API_OPERATIONS: readonly Operation[];
/** The names of a wire codec's parameters: the required ones, then the optional ones (declaration order). */
export declare const wireParameters: (o: Operation) => {
    readonly required: readonly string[];
    readonly optional: readonly string[];
};
export {};
