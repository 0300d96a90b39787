import * as t from 'io-ts'
import type { StateGate } from '../key/state-table.ts'
import type { ActionScope, KmsAction } from '../policy/actions.ts'
import { KeySpec, KeyUsage, Origin, ProtectionLevel } from '../values/key-spec.ts'
import { aliasName, base64, bool, instant, int, json, keyId, may, need, oneOf, oneOfKeys, present, text, versionId } from './wire.ts'

// The catalogue of operations (docs/architecture.md §11): every action this server answers, declared once, in the
// manner of a Vault backend's path table. One declaration says
// - `permission`: the `kms:` permission the caller needs and whether it is decided on a key or on the account
//   (domain/policy/actions.ts reads it from here);
// - `key`: how the key is found (from which parameter, and whether an alias or a ciphertext may name it);
// - `gate`: the row of the state table (API reference §5.2) the key must pass (domain/key/state-table.ts and the
//   key decider read it from here);
// - `writes`: whether the operation appends to a key's own streams (every key operation also records its
//   ActionInvoked, or a refusal); every writing API operation also accepts a client token (`idempotent` below);
// - `wire`: the parameters on the wire, as an io-ts codec over the request's strings: the HTTP layer's decoder
//   checks the required ones before the handler runs, and docs/http-api.md's table is generated from it.
// Changing who may call what, or in which key state, is a change to one entry here.

/** How an operation finds its key. */
export type KeyLookup =
  | 'none' //              an account action, or one without a key (CreateKey makes one)
  | 'KeyId' //             a key id or a key ARN in `KeyId`
  | 'KeyId or alias' //    a key id, key ARN, alias or alias ARN in `KeyId`
  | 'AliasName' //         the key an alias of the caller's account points to
  | 'KeyId or ProtectedResourceArn'
  | 'ResourceId.N' //      up to 50 key ids or key ARNs
  | 'CiphertextBlob' //    the key id inside the ciphertext
  | 'CiphertextBlob and DestinationKeyId'
  | 'scheduler' //         internal: a job names the key it folds from the due-keys view

/** Where an operation is offered: the API, or only the scheduler's own commands. */
export type Surface = 'api' | 'scheduler'

export interface Operation {
  readonly name: string
  /** The API reference section (or S-rule) that specifies it. */
  readonly ref: string
  readonly surface: Surface
  /** One permission, or ReEncrypt's two (source and destination key); none for the scheduler's commands. */
  readonly permission: { readonly action: KmsAction; readonly scope: ActionScope } | { readonly source: KmsAction; readonly destination: KmsAction } | null
  readonly key: KeyLookup
  readonly gate: StateGate
  readonly writes: boolean
  readonly wire: t.Type<Record<string, unknown>, Record<string, unknown>>
}

type Props = Record<string, t.Mixed>
const wire = (req: Props, opt: Props = {}): Operation['wire'] =>
  t.intersection([t.type(req), t.partial(opt)])

const onKey = (action: KmsAction) => ({ action, scope: 'key' as const })
const onAccount = (action: KmsAction) => ({ action, scope: 'account' as const })

type Decl = Omit<Operation, 'name' | 'surface'> & { readonly surface?: Surface }

const paging = { PageNumber: may(int(1, 100_000_000)), PageSize: may(int(1, 100)) }
const context = { EncryptionContext: may(json('context')) }
// application/crypto/data-key.ts's DataKeySpec (spec/fuzz/wire-fuzz.spec.ts checks they agree); 1–1024 bytes (API reference §5.9)
const dataKey = { KeySpec: may(oneOf(['AES_256', 'AES_128'])), NumberOfBytes: may(int(1, 1024)), ...context }
const exportTarget = { PublicKeyBlob: need(base64('spki')), WrappingKeySpec: need(oneOf(['RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_SM2'])),
  WrappingAlgorithm: need(oneOf(['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1', 'SM2PKE'])) }
const version = { KeyId: need(keyId), KeyVersionId: need(versionId) }
const key = { KeyId: need(keyId) }
const blob = need(base64('ciphertext'))
const signing = need(oneOf(['RSA_PSS_SHA_256', 'RSA_PKCS1_SHA_256', 'ECDSA_SHA_256', 'SM2DSA']))
const asymmetricEncryption = need(oneOf(['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1', 'SM2PKE']))
const mac = { ...key, Algorithm: need(oneOf(['HMAC_SHA_256', 'HMAC_SM3'])), Message: need(base64('bytes')) }
const dryRun = { DryRun: may(text) }
const batch = { RegionId: need(text), ResourceType: need(text) } // ResourceType: `key` in any case (adapters/http/actions/tags.ts)

const DECLARATIONS = {
  // ── key lifecycle (API reference §1.3 "Key lifecycle", §5.2, §5.3) ──
  CreateKey: { ref: '§5.3', permission: onAccount('kms:CreateKey'), key: 'none', gate: 'any', writes: true,
    wire: wire({}, { DKMSInstanceId: may(text), KeySpec: may(oneOfKeys(KeySpec)), KeyUsage: may(oneOfKeys(KeyUsage)), Origin: may(oneOfKeys(Origin)),
      ProtectionLevel: may(oneOfKeys(ProtectionLevel)), Description: may(text), EnableAutomaticRotation: may(bool), RotationInterval: may(text),
      Tags: may(json('tags')), Policy: may(json('policy')), ExternalKeyId: may(text) }) },
  DescribeKey: { ref: '§5.3', permission: onKey('kms:DescribeKey'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire(key) },
  ListKeys: { ref: '§5.3', permission: onAccount('kms:ListKeys'), key: 'none', gate: 'any', writes: false, wire: wire({}, { ...paging, Filters: may(json('filters')) }) },
  EnableKey: { ref: '§5.2', permission: onKey('kms:EnableKey'), key: 'KeyId', gate: 'toggle', writes: true, wire: wire(key) },
  DisableKey: { ref: '§5.2', permission: onKey('kms:DisableKey'), key: 'KeyId', gate: 'toggle', writes: true, wire: wire(key) },
  ScheduleKeyDeletion: { ref: '§5.2, S-8', permission: onKey('kms:ScheduleKeyDeletion'), key: 'KeyId', gate: 'schedulable', writes: true,
    wire: wire({ ...key, PendingWindowInDays: need(text) }) },
  CancelKeyDeletion: { ref: '§5.2, S-8', permission: onKey('kms:CancelKeyDeletion'), key: 'KeyId', gate: 'cancellable', writes: true, wire: wire(key) },
  SetDeletionProtection: { ref: '§5.3, S-7', permission: onKey('kms:SetDeletionProtection'), key: 'KeyId or ProtectedResourceArn', gate: 'any', writes: true,
    wire: wire({ EnableDeletionProtection: need(bool) }, { KeyId: may(keyId), ProtectedResourceArn: may(text), DeletionProtectionDescription: may(text) }) },
  UpdateKeyDescription: { ref: '§5.3', permission: onKey('kms:UpdateKeyDescription'), key: 'KeyId', gate: 'editable', writes: true,
    wire: wire({ ...key, Description: present(text) }) },
  UpdateRotationPolicy: { ref: '§5.4, S-4', permission: onKey('kms:UpdateRotationPolicy'), key: 'KeyId', gate: 'usable', writes: true,
    wire: wire({ ...key, EnableAutomaticRotation: need(bool) }, { RotationInterval: may(text) }) },
  // ── versions (§5.4) ──
  CreateKeyVersion: { ref: '§5.4', permission: onKey('kms:CreateKeyVersion'), key: 'KeyId or alias', gate: 'usable', writes: true, wire: wire(key) },
  DescribeKeyVersion: { ref: '§5.4', permission: onKey('kms:DescribeKeyVersion'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire(version) },
  ListKeyVersions: { ref: '§5.4', permission: onKey('kms:ListKeyVersions'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire(key, paging) },
  // ── aliases (§5.5, S-3.1): checked on the key the alias names (DeleteAlias: the key it points to) ──
  CreateAlias: { ref: '§5.5', permission: onKey('kms:CreateAlias'), key: 'KeyId', gate: 'schedulable', writes: true, wire: wire({ AliasName: need(aliasName), ...key }) },
  // §5.2: only UpdateAlias's *target* counts, and a target pending deletion is Rejected.PendingDeletion.
  UpdateAlias: { ref: '§5.5', permission: onKey('kms:UpdateAlias'), key: 'KeyId', gate: 'editable', writes: true, wire: wire({ AliasName: need(aliasName), ...key }) },
  DeleteAlias: { ref: '§5.5', permission: onKey('kms:DeleteAlias'), key: 'AliasName', gate: 'any', writes: true, wire: wire({ AliasName: need(aliasName) }) },
  ListAliases: { ref: '§5.5', permission: onAccount('kms:ListAliases'), key: 'none', gate: 'any', writes: false, wire: wire({}, paging) },
  ListAliasesByKeyId: { ref: '§5.5', permission: onKey('kms:ListAliasesByKeyId'), key: 'KeyId', gate: 'any', writes: false, wire: wire(key, paging) },
  // ── tags (§5.6, S-3.2–S-3.6): the batch forms need the singular permissions on each key ──
  TagResource: { ref: '§5.6', permission: onKey('kms:TagResource'), key: 'KeyId', gate: 'editable', writes: true, wire: wire(key, { Tags: may(json('tags')) }) },
  UntagResource: { ref: '§5.6', permission: onKey('kms:UntagResource'), key: 'KeyId', gate: 'editable', writes: true, wire: wire(key, { TagKeys: may(json('tagKeys')) }) },
  TagResources: { ref: '§5.6', permission: onKey('kms:TagResource'), key: 'ResourceId.N', gate: 'editable', writes: true,
    wire: wire(batch, { Tags: may(json('tags')) }) },
  UntagResources: { ref: '§5.6', permission: onKey('kms:UntagResource'), key: 'ResourceId.N', gate: 'editable', writes: true,
    wire: wire(batch, { TagKeys: may(json('tagKeys')), All: may(bool) }) },
  ListResourceTags: { ref: '§5.6', permission: onKey('kms:ListResourceTags'), key: 'KeyId', gate: 'any', writes: false, wire: wire(key) },
  ListTagResources: { ref: '§5.6', permission: onAccount('kms:ListTagResources'), key: 'ResourceId.N', gate: 'any', writes: false,
    wire: wire(batch, { NextToken: may(text) }) },
  // ── symmetric crypto and data keys (§5.8, §5.9) ──
  Encrypt: { ref: '§5.8', permission: onKey('kms:Encrypt'), key: 'KeyId or alias', gate: 'usable', writes: false,
    wire: wire({ ...key, Plaintext: need(base64('bytes')) }, context) },
  Decrypt: { ref: '§5.8', permission: onKey('kms:Decrypt'), key: 'CiphertextBlob', gate: 'usable', writes: false, wire: wire({ CiphertextBlob: blob }, context) },
  ReEncrypt: { ref: '§5.8', permission: { source: 'kms:ReEncryptFrom', destination: 'kms:ReEncryptTo' }, key: 'CiphertextBlob and DestinationKeyId', gate: 'usable', writes: false,
    wire: wire({ CiphertextBlob: blob, DestinationKeyId: need(keyId) }, { SourceEncryptionContext: may(json('context')), DestinationEncryptionContext: may(json('context')) }) },
  GenerateDataKey: { ref: '§5.9', permission: onKey('kms:GenerateDataKey'), key: 'KeyId or alias', gate: 'usable', writes: false, wire: wire(key, dataKey) },
  GenerateDataKeyWithoutPlaintext: { ref: '§5.9', permission: onKey('kms:GenerateDataKeyWithoutPlaintext'), key: 'KeyId or alias', gate: 'usable', writes: false,
    wire: wire(key, dataKey) },
  GenerateAndExportDataKey: { ref: '§5.9', permission: onKey('kms:GenerateAndExportDataKey'), key: 'KeyId or alias', gate: 'usable', writes: false,
    wire: wire({ ...key, ...exportTarget }, dataKey) },
  ExportDataKey: { ref: '§5.9', permission: onKey('kms:ExportDataKey'), key: 'CiphertextBlob', gate: 'usable', writes: false,
    wire: wire({ CiphertextBlob: blob, ...exportTarget }, context) },
  // ── MACs (3.x only, §1.3, §5.7): HMAC keys, primary version ──
  GenerateMac: { ref: '§1.3, §5.7', permission: onKey('kms:GenerateMac'), key: 'KeyId or alias', gate: 'usable', writes: false,
    wire: wire(mac, dryRun) },
  VerifyMac: { ref: '§1.3, §5.7', permission: onKey('kms:VerifyMac'), key: 'KeyId or alias', gate: 'usable', writes: false,
    wire: wire({ ...mac, Mac: need(base64('bytes')) }, dryRun) },
  // ── asymmetric (§5.7): always on a named version ──
  AsymmetricEncrypt: { ref: '§5.7', permission: onKey('kms:AsymmetricEncrypt'), key: 'KeyId or alias', gate: 'usable', writes: false,
    wire: wire({ ...version, Algorithm: asymmetricEncryption, Plaintext: need(base64('bytes')) }) },
  AsymmetricDecrypt: { ref: '§5.7', permission: onKey('kms:AsymmetricDecrypt'), key: 'KeyId or alias', gate: 'usable', writes: false,
    wire: wire({ ...version, Algorithm: asymmetricEncryption, CiphertextBlob: need(base64('bytes')) }) },
  AsymmetricSign: { ref: '§5.7', permission: onKey('kms:AsymmetricSign'), key: 'KeyId or alias', gate: 'usable', writes: false,
    wire: wire({ ...version, Algorithm: signing, Digest: need(base64('digest')) }) },
  AsymmetricVerify: { ref: '§5.7', permission: onKey('kms:AsymmetricVerify'), key: 'KeyId or alias', gate: 'usable', writes: false,
    wire: wire({ ...version, Algorithm: signing, Digest: need(base64('digest')), Value: need(base64('bytes')) }) },
  GetPublicKey: { ref: '§5.7, S-9.1', permission: onKey('kms:GetPublicKey'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire(version) },
  // ── BYOK (§5.11) ──
  GetParametersForImport: { ref: '§5.11', permission: onKey('kms:GetParametersForImport'), key: 'KeyId or alias', gate: 'any', writes: false,
    wire: wire({ ...key, WrappingKeySpec: need(text), WrappingAlgorithm: need(text) }) },
  ImportKeyMaterial: { ref: '§5.11', permission: onKey('kms:ImportKeyMaterial'), key: 'KeyId or alias', gate: 'schedulable', writes: true,
    wire: wire({ ...key, EncryptedKeyMaterial: need(base64('bytes')), ImportToken: need(base64('bytes')) }, { KeyMaterialExpireUnix: may(text) }) },
  DeleteKeyMaterial: { ref: '§5.11', permission: onKey('kms:DeleteKeyMaterial'), key: 'KeyId or alias', gate: 'any', writes: true, wire: wire(key) },
  // ── key policy (§5.12, S-5) ──
  GetKeyPolicy: { ref: '§5.12', permission: onKey('kms:GetKeyPolicy'), key: 'KeyId', gate: 'any', writes: false, wire: wire(key, { PolicyName: may(oneOf(['default'])) }) },
  SetKeyPolicy: { ref: '§5.12, S-5.4', permission: onKey('kms:SetKeyPolicy'), key: 'KeyId', gate: 'any', writes: true,
    wire: wire(key, { PolicyName: may(oneOf(['default'])), Policy: may(json('policy')) }) },
  // ── service (§1.3 "Service / misc") ──
  DescribeRegions: { ref: '§1.3', permission: onAccount('kms:DescribeRegions'), key: 'none', gate: 'any', writes: false, wire: wire({}) },
  GetDefaultKmsInstance: { ref: '§5.13', permission: onAccount('kms:GetDefaultKmsInstance'), key: 'none', gate: 'any', writes: false, wire: wire({}) },
  // ── keyledger's own actions (docs/http-api.md "keyledger actions") ──
  DescribeKeyAssociations: { ref: 'S-10', permission: onKey('kms:DescribeKeyAssociations'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire(key) },
  GetKeyLastCallTime: { ref: 'S-10', permission: onKey('kms:GetKeyLastCallTime'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire(key) },
  ListKeyHistory: { ref: 'audit', permission: onKey('kms:ListKeyHistory'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire(key, { ...paging, NextToken: may(text) }) },
  GetComplianceReport: { ref: 'reports', permission: onAccount('kms:GetComplianceReport'), key: 'none', gate: 'any', writes: false,
    // ReportName: projections/reports/key-reports.ts's REPORTS (spec/fuzz/wire-fuzz.spec.ts checks they agree)
    wire: wire({ ReportName: need(oneOf(['no-rotation', 'rotation-overdue', 'no-deletion-protection', 'pending-deletion', 'disabled-still-called', 'unused', 'cross-account', 'missing-tags', 'weak-specs', 'inventory'])) }, { At: may(instant), Days: may(int(1, 3660)), RequireTags: may(text) }) },
  // ── the key-event feed (docs/key-events.md): events of the keys the caller may describe, after a position ──
  ListKeyEvents: { ref: 'key-events', permission: onAccount('kms:ListKeyEvents'), key: 'none', gate: 'any', writes: false,
    // After: a store position (EventStoreDB's commit positions pass 9 digits), parsed by the handler. Stream=sse:
    // the same feed as Server-Sent Events (adapters/http/key-event-stream.ts), answered before this handler.
    wire: wire({}, { After: may(text), Limit: may(int(1, 100)), WaitSeconds: may(int(0, 20)), Stream: may(oneOf(['sse'])) }) },
  // ── the verifiable log (docs/verifiable-log.md): sizes, hashes and the public key; a key's events by its policy ──
  GetAuditPublicKey: { ref: 'verifiable-log', permission: onAccount('kms:GetAuditPublicKey'), key: 'none', gate: 'any', writes: false, wire: wire({}) },
  GetAuditCheckpoint: { ref: 'verifiable-log', permission: onAccount('kms:GetAuditCheckpoint'), key: 'none', gate: 'any', writes: false, wire: wire({}) },
  GetConsistencyProof: { ref: 'verifiable-log', permission: onAccount('kms:GetConsistencyProof'), key: 'none', gate: 'any', writes: false,
    wire: wire({ FirstSize: need(text) }, { SecondSize: may(text) }) },
  GetInclusionProof: { ref: 'verifiable-log', permission: onKey('kms:GetInclusionProof'), key: 'KeyId or alias', gate: 'any', writes: false, wire: wire(key) },
  // ── the scheduler's own commands (no API action, no permission: docs/architecture.md §9) ──
  RotateKey: { ref: 'S-4', surface: 'scheduler', permission: null, key: 'scheduler', gate: 'usable', writes: true, wire: wire({}) },
  DeleteKey: { ref: 'S-8.1', surface: 'scheduler', permission: null, key: 'scheduler', gate: 'cancellable', writes: true, wire: wire({}) },
  RemindDeletion: { ref: 'key-events', surface: 'scheduler', permission: null, key: 'scheduler', gate: 'cancellable', writes: true, wire: wire({}) },
} satisfies Record<string, Decl>

export type OperationName = keyof typeof DECLARATIONS

/** The optional parameter that makes a writing call idempotent (issue 17; docs/http-api.md "Idempotent writes"). */
export const CLIENT_TOKEN = 'ClientToken'
/** The header for clients that cannot add a parameter; the same token as ClientToken. */
export const IDEMPOTENCY_HEADER = 'x-keyledger-idempotency-key'

/** Whether an operation takes a client token: the rule, once, for every writing API operation. */
export const acceptsClientToken = (o: Pick<Operation, 'writes' | 'surface'>): boolean => o.writes && o.surface === 'api'

type WireParts = t.IntersectionType<[t.TypeC<Props>, t.PartialC<Props>]>

const idempotent = (o: Operation): Operation => {
  if (!acceptsClientToken(o)) return o
  const [req, opt] = (o.wire as unknown as WireParts).types
  return { ...o, wire: wire(req.props, { ...opt.props, [CLIENT_TOKEN]: may(text) }) }
}

export const OPERATIONS: Readonly<Record<OperationName, Operation>> = Object.fromEntries(
  Object.entries(DECLARATIONS).map(([name, d]) => [name, idempotent({ surface: 'api', ...d, name })]),
) as Record<OperationName, Operation>

/** The operation an API action names; undefined for unknown names (and never a prototype key). */
export const operationOf = (name: string): Operation | undefined =>
  Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name as OperationName] : undefined

/** Every operation the API offers, in declaration order. */
export const API_OPERATIONS: readonly Operation[] = Object.values(OPERATIONS).filter((o) => o.surface === 'api')

/** A wire codec's parameters and their codecs: the required ones, then the optional ones (declaration order). */
export const wireProps = (o: Operation): { readonly required: Props; readonly optional: Props } => {
  const [req, opt] = (o.wire as unknown as t.IntersectionType<[t.TypeC<Props>, t.PartialC<Props>]>).types
  return { required: req.props, optional: opt.props }
}

/** The names of a wire codec's parameters: the required ones, then the optional ones (declaration order). */
export const wireParameters = (o: Operation): { readonly required: readonly string[]; readonly optional: readonly string[] } => {
  const { required, optional } = wireProps(o)
  return { required: Object.keys(required), optional: Object.keys(optional) }
}
