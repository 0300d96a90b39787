import * as t from 'io-ts';
/** A wire parameter: present and not empty (the API's MissingParameter otherwise). */
const required = t.refinement(t.string, (s) => s !== '', 'required');
/** A parameter that must be present but may be empty (UpdateKeyDescription's Description clears it). */
const present = t.string;
const optional = t.string;
const wire = (req, opt = {}) => t.intersection([t.type(req), t.partial(opt)]);
const onKey = (action) => ({ action, scope: 'key' });
const onAccount = (action) => ({ action, scope: 'account' });
const paging = { PageNumber: optional, PageSize: optional };
const context = { EncryptionContext: optional };
const dataKey = { KeySpec: optional, NumberOfBytes: optional, ...context };
const exportTarget = { PublicKeyBlob: required, WrappingKeySpec: required, WrappingAlgorithm: required };
const version = { KeyId: required, KeyVersionId: required };
const DECLARATIONS = {
    // ── key lifecycle (API reference §1.3 "Key lifecycle", §5.2, §5.3) ──
    CreateKey: { ref: '§5.3', permission: onAccount('kms:CreateKey'), key: 'none', gate: 'any', writes: true,
        wire: wire({}, { DKMSInstanceId: optional, KeySpec: optional, KeyUsage: optional, Origin: optional, ProtectionLevel: optional,
            Description: optional, EnableAutomaticRotation: optional, RotationInterval: optional, Tags: optional, Policy: optional, ExternalKeyId: optional }) },
    DescribeKey: { ref: '§5.3', permission: onKey('kms:DescribeKey'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire({ KeyId: required }) },
    ListKeys: { ref: '§5.3', permission: onAccount('kms:ListKeys'), key: 'none', gate: 'any', writes: false, wire: wire({}, { ...paging, Filters: optional }) },
    EnableKey: { ref: '§5.2', permission: onKey('kms:EnableKey'), key: 'KeyId', gate: 'toggle', writes: true, wire: wire({ KeyId: required }) },
    DisableKey: { ref: '§5.2', permission: onKey('kms:DisableKey'), key: 'KeyId', gate: 'toggle', writes: true, wire: wire({ KeyId: required }) },
    ScheduleKeyDeletion: { ref: '§5.2, S-8', permission: onKey('kms:ScheduleKeyDeletion'), key: 'KeyId', gate: 'schedulable', writes: true,
        wire: wire({ KeyId: required, PendingWindowInDays: required }) },
    CancelKeyDeletion: { ref: '§5.2, S-8', permission: onKey('kms:CancelKeyDeletion'), key: 'KeyId', gate: 'cancellable', writes: true, wire: wire({ KeyId: required }) },
    SetDeletionProtection: { ref: '§5.3, S-7', permission: onKey('kms:SetDeletionProtection'), key: 'KeyId or ProtectedResourceArn', gate: 'any', writes: true,
        wire: wire({ EnableDeletionProtection: required }, { KeyId: optional, ProtectedResourceArn: optional, DeletionProtectionDescription: optional }) },
    UpdateKeyDescription: { ref: '§5.3', permission: onKey('kms:UpdateKeyDescription'), key: 'KeyId', gate: 'editable', writes: true,
        wire: wire({ KeyId: required, Description: present }) },
    UpdateRotationPolicy: { ref: '§5.4, S-4', permission: onKey('kms:UpdateRotationPolicy'), key: 'KeyId', gate: 'usable', writes: true,
        wire: wire({ KeyId: required, EnableAutomaticRotation: required }, { RotationInterval: optional }) },
    // ── versions (§5.4) ──
    CreateKeyVersion: { ref: '§5.4', permission: onKey('kms:CreateKeyVersion'), key: 'KeyId or alias', gate: 'usable', writes: true, wire: wire({ KeyId: required }) },
    DescribeKeyVersion: { ref: '§5.4', permission: onKey('kms:DescribeKeyVersion'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire(version) },
    ListKeyVersions: { ref: '§5.4', permission: onKey('kms:ListKeyVersions'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire({ KeyId: required }, paging) },
    // ── aliases (§5.5, S-3.1): checked on the key the alias names (DeleteAlias: the key it points to) ──
    CreateAlias: { ref: '§5.5', permission: onKey('kms:CreateAlias'), key: 'KeyId', gate: 'schedulable', writes: true, wire: wire({ AliasName: required, KeyId: required }) },
    // §5.2: only UpdateAlias's *target* counts, and a target pending deletion is Rejected.PendingDeletion.
    UpdateAlias: { ref: '§5.5', permission: onKey('kms:UpdateAlias'), key: 'KeyId', gate: 'editable', writes: true, wire: wire({ AliasName: required, KeyId: required }) },
    DeleteAlias: { ref: '§5.5', permission: onKey('kms:DeleteAlias'), key: 'AliasName', gate: 'any', writes: true, wire: wire({ AliasName: required }) },
    ListAliases: { ref: '§5.5', permission: onAccount('kms:ListAliases'), key: 'none', gate: 'any', writes: false, wire: wire({}, paging) },
    ListAliasesByKeyId: { ref: '§5.5', permission: onKey('kms:ListAliasesByKeyId'), key: 'KeyId', gate: 'any', writes: false, wire: wire({ KeyId: required }, paging) },
    // ── tags (§5.6, S-3.2–S-3.6): the batch forms need the singular permissions on each key ──
    TagResource: { ref: '§5.6', permission: onKey('kms:TagResource'), key: 'KeyId', gate: 'editable', writes: true, wire: wire({ KeyId: required }, { Tags: optional }) },
    UntagResource: { ref: '§5.6', permission: onKey('kms:UntagResource'), key: 'KeyId', gate: 'editable', writes: true, wire: wire({ KeyId: required }, { TagKeys: optional }) },
    TagResources: { ref: '§5.6', permission: onKey('kms:TagResource'), key: 'ResourceId.N', gate: 'editable', writes: true,
        wire: wire({ RegionId: required, ResourceType: required }, { Tags: optional }) },
    UntagResources: { ref: '§5.6', permission: onKey('kms:UntagResource'), key: 'ResourceId.N', gate: 'editable', writes: true,
        wire: wire({ RegionId: required, ResourceType: required }, { TagKeys: optional, All: optional }) },
    ListResourceTags: { ref: '§5.6', permission: onKey('kms:ListResourceTags'), key: 'KeyId', gate: 'any', writes: false, wire: wire({ KeyId: required }) },
    ListTagResources: { ref: '§5.6', permission: onAccount('kms:ListTagResources'), key: 'ResourceId.N', gate: 'any', writes: false,
        wire: wire({ RegionId: required, ResourceType: required }, { NextToken: optional }) },
    // ── symmetric crypto and data keys (§5.8, §5.9) ──
    Encrypt: { ref: '§5.8', permission: onKey('kms:Encrypt'), key: 'KeyId or alias', gate: 'usable', writes: false,
        wire: wire({ KeyId: required, Plaintext: required }, context) },
    Decrypt: { ref: '§5.8', permission: onKey('kms:Decrypt'), key: 'CiphertextBlob', gate: 'usable', writes: false, wire: wire({ CiphertextBlob: required }, context) },
    ReEncrypt: { ref: '§5.8', permission: { source: 'kms:ReEncryptFrom', destination: 'kms:ReEncryptTo' }, key: 'CiphertextBlob and DestinationKeyId', gate: 'usable', writes: false,
        wire: wire({ CiphertextBlob: required, DestinationKeyId: required }, { SourceEncryptionContext: optional, DestinationEncryptionContext: optional }) },
    GenerateDataKey: { ref: '§5.9', permission: onKey('kms:GenerateDataKey'), key: 'KeyId or alias', gate: 'usable', writes: false, wire: wire({ KeyId: required }, dataKey) },
    GenerateDataKeyWithoutPlaintext: { ref: '§5.9', permission: onKey('kms:GenerateDataKeyWithoutPlaintext'), key: 'KeyId or alias', gate: 'usable', writes: false,
        wire: wire({ KeyId: required }, dataKey) },
    GenerateAndExportDataKey: { ref: '§5.9', permission: onKey('kms:GenerateAndExportDataKey'), key: 'KeyId or alias', gate: 'usable', writes: false,
        wire: wire({ KeyId: required, ...exportTarget }, dataKey) },
    ExportDataKey: { ref: '§5.9', permission: onKey('kms:ExportDataKey'), key: 'CiphertextBlob', gate: 'usable', writes: false,
        wire: wire({ CiphertextBlob: required, ...exportTarget }, context) },
    // ── MACs (3.x only, §1.3, §5.7): HMAC keys, primary version ──
    GenerateMac: { ref: '§1.3, §5.7', permission: onKey('kms:GenerateMac'), key: 'KeyId or alias', gate: 'usable', writes: false,
        wire: wire({ KeyId: required, Algorithm: required, Message: required }, { DryRun: optional }) },
    VerifyMac: { ref: '§1.3, §5.7', permission: onKey('kms:VerifyMac'), key: 'KeyId or alias', gate: 'usable', writes: false,
        wire: wire({ KeyId: required, Algorithm: required, Message: required, Mac: required }, { DryRun: optional }) },
    // ── asymmetric (§5.7): always on a named version ──
    AsymmetricEncrypt: { ref: '§5.7', permission: onKey('kms:AsymmetricEncrypt'), key: 'KeyId or alias', gate: 'usable', writes: false,
        wire: wire({ ...version, Algorithm: required, Plaintext: required }) },
    AsymmetricDecrypt: { ref: '§5.7', permission: onKey('kms:AsymmetricDecrypt'), key: 'KeyId or alias', gate: 'usable', writes: false,
        wire: wire({ ...version, Algorithm: required, CiphertextBlob: required }) },
    AsymmetricSign: { ref: '§5.7', permission: onKey('kms:AsymmetricSign'), key: 'KeyId or alias', gate: 'usable', writes: false,
        wire: wire({ ...version, Algorithm: required, Digest: required }) },
    AsymmetricVerify: { ref: '§5.7', permission: onKey('kms:AsymmetricVerify'), key: 'KeyId or alias', gate: 'usable', writes: false,
        wire: wire({ ...version, Algorithm: required, Digest: required, Value: required }) },
    GetPublicKey: { ref: '§5.7, S-9.1', permission: onKey('kms:GetPublicKey'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire(version) },
    // ── BYOK (§5.11) ──
    GetParametersForImport: { ref: '§5.11', permission: onKey('kms:GetParametersForImport'), key: 'KeyId or alias', gate: 'any', writes: false,
        wire: wire({ KeyId: required, WrappingKeySpec: required, WrappingAlgorithm: required }) },
    ImportKeyMaterial: { ref: '§5.11', permission: onKey('kms:ImportKeyMaterial'), key: 'KeyId or alias', gate: 'schedulable', writes: true,
        wire: wire({ KeyId: required, EncryptedKeyMaterial: required, ImportToken: required }, { KeyMaterialExpireUnix: optional }) },
    DeleteKeyMaterial: { ref: '§5.11', permission: onKey('kms:DeleteKeyMaterial'), key: 'KeyId or alias', gate: 'any', writes: true, wire: wire({ KeyId: required }) },
    // ── key policy (§5.12, S-5) ──
    GetKeyPolicy: { ref: '§5.12', permission: onKey('kms:GetKeyPolicy'), key: 'KeyId', gate: 'any', writes: false, wire: wire({ KeyId: required }, { PolicyName: optional }) },
    SetKeyPolicy: { ref: '§5.12, S-5.4', permission: onKey('kms:SetKeyPolicy'), key: 'KeyId', gate: 'any', writes: true,
        wire: wire({ KeyId: required }, { PolicyName: optional, Policy: optional }) },
    // ── service (§1.3 "Service / misc") ──
    DescribeRegions: { ref: '§1.3', permission: onAccount('kms:DescribeRegions'), key: 'none', gate: 'any', writes: false, wire: wire({}) },
    GetDefaultKmsInstance: { ref: '§5.13', permission: onAccount('kms:GetDefaultKmsInstance'), key: 'none', gate: 'any', writes: false, wire: wire({}) },
    // ── keyledger's own actions (docs/http-api.md "keyledger actions") ──
    DescribeKeyAssociations: { ref: 'S-10', permission: onKey('kms:DescribeKeyAssociations'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire({ KeyId: required }) },
    GetKeyLastCallTime: { ref: 'S-10', permission: onKey('kms:GetKeyLastCallTime'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire({ KeyId: required }) },
    ListKeyHistory: { ref: 'audit', permission: onKey('kms:ListKeyHistory'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire({ KeyId: required }, paging) },
    GetComplianceReport: { ref: 'reports', permission: onAccount('kms:GetComplianceReport'), key: 'none', gate: 'any', writes: false,
        wire: wire({ ReportName: required }, { At: optional, Days: optional, RequireTags: optional }) },
    // ── the verifiable log (docs/verifiable-log.md): sizes, hashes and the public key; a key's events by its policy ──
    GetAuditPublicKey: { ref: 'verifiable-log', permission: onAccount('kms:GetAuditPublicKey'), key: 'none', gate: 'any', writes: false, wire: wire({}) },
    GetAuditCheckpoint: { ref: 'verifiable-log', permission: onAccount('kms:GetAuditCheckpoint'), key: 'none', gate: 'any', writes: false, wire: wire({}) },
    GetConsistencyProof: { ref: 'verifiable-log', permission: onAccount('kms:GetConsistencyProof'), key: 'none', gate: 'any', writes: false,
        wire: wire({ FirstSize: required }, { SecondSize: optional }) },
    GetInclusionProof: { ref: 'verifiable-log', permission: onKey('kms:GetInclusionProof'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire({ KeyId: required }) },
    // ── the scheduler's own commands (no API action, no permission: docs/architecture.md §9) ──
    RotateKey: { ref: 'S-4', surface: 'scheduler', permission: null, key: 'scheduler', gate: 'usable', writes: true, wire: wire({}) },
    DeleteKey: { ref: 'S-8.1', surface: 'scheduler', permission: null, key: 'scheduler', gate: 'cancellable', writes: true, wire: wire({}) },
};
/** The optional parameter that makes a writing call idempotent (issue 17; docs/http-api.md "Idempotent writes"). */
export const CLIENT_TOKEN = 'ClientToken';
/** The header for clients that cannot add a parameter; the same token as ClientToken. */
export const IDEMPOTENCY_HEADER = 'x-keyledger-idempotency-key';
/** Whether an operation takes a client token: the rule, once, for every writing API operation. */
export const acceptsClientToken = (o) => o.writes && o.surface === 'api';
const idempotent = (o) => {
    if (!acceptsClientToken(o))
        return o;
    const [req, opt] = o.wire.types;
    return { ...o, wire: wire(req.props, { ...opt.props, [CLIENT_TOKEN]: optional }) };
};
export const OPERATIONS = Object.fromEntries(Object.entries(DECLARATIONS).map(([name, d]) => [name, idempotent({ surface: 'api', ...d, name })]));
/** The operation an API action names; undefined for unknown names (and never a prototype key). */
export const operationOf = (name) => Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
/** Every operation the API offers, in declaration order. */
export const API_OPERATIONS = Object.values(OPERATIONS).filter((o) => o.surface === 'api');
/** The names of a wire codec's parameters: the required ones, then the optional ones (declaration order). */
export const wireParameters = (o) => {
    const [req, opt] = o.wire.types;
    return { required: Object.keys(req.props), optional: Object.keys(opt.props) };
};
