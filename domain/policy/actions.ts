import { globMatches } from './glob.ts'

// Every API action is authorized as a `kms:` permission. The name is the API action's own name, except:
// - TagResources / UntagResources (3.x batch forms) need `kms:TagResource` / `kms:UntagResource` on each key
//   they touch: the seed's role lists (S-5.2) name only the singular permissions, and a batch is just several
//   single-key changes, so one permission per change keeps a console "user" able to tag with either API.
// - ReEncrypt touches two keys: `kms:ReEncryptFrom` on the source key and `kms:ReEncryptTo` on the destination
//   (see `reEncryptPermissions`), so each key's policy decides its own side.
// Account-level actions act on no existing key (CreateKey, ListKeys…); they are checked against the account's
// key collection `acs:kms:<region>:<account>:key/*` and only the caller's own identity grants (no key policy).

export type KmsAction = `kms:${string}`

export type ActionScope = 'key' | 'account'

interface Permission { readonly action: KmsAction; readonly scope: ActionScope }

const key = (action: KmsAction): Permission => ({ action, scope: 'key' })
const account = (action: KmsAction): Permission => ({ action, scope: 'account' })

const PERMISSIONS: Readonly<Record<string, Permission>> = {
  // account level
  CreateKey: account('kms:CreateKey'),
  ListKeys: account('kms:ListKeys'),
  ListAliases: account('kms:ListAliases'),
  ListTagResources: account('kms:ListTagResources'),
  DescribeRegions: account('kms:DescribeRegions'),
  GetDefaultKmsInstance: account('kms:GetDefaultKmsInstance'),
  GetComplianceReport: account('kms:GetComplianceReport'), // keyledger addition (DESIGN §7)
  // keyledger additions: the verifiable log (docs/verifiable-log.md); sizes, hashes and the public key only
  GetAuditPublicKey: account('kms:GetAuditPublicKey'),
  GetAuditCheckpoint: account('kms:GetAuditCheckpoint'),
  GetConsistencyProof: account('kms:GetConsistencyProof'),
  // Only actions this server answers have a permission (spec/adapters/http/permission-table.spec.ts): instance
  // management (GetKmsInstance, ListKmsInstances…) and GenerateMac/VerifyMac are not served.
  // lifecycle
  DescribeKey: key('kms:DescribeKey'),
  EnableKey: key('kms:EnableKey'),
  DisableKey: key('kms:DisableKey'),
  ScheduleKeyDeletion: key('kms:ScheduleKeyDeletion'),
  CancelKeyDeletion: key('kms:CancelKeyDeletion'),
  SetDeletionProtection: key('kms:SetDeletionProtection'),
  UpdateKeyDescription: key('kms:UpdateKeyDescription'),
  UpdateRotationPolicy: key('kms:UpdateRotationPolicy'),
  // versions
  CreateKeyVersion: key('kms:CreateKeyVersion'),
  DescribeKeyVersion: key('kms:DescribeKeyVersion'),
  ListKeyVersions: key('kms:ListKeyVersions'),
  // aliases: checked on the key the alias names (DeleteAlias: the key it points to)
  CreateAlias: key('kms:CreateAlias'),
  UpdateAlias: key('kms:UpdateAlias'),
  DeleteAlias: key('kms:DeleteAlias'),
  ListAliasesByKeyId: key('kms:ListAliasesByKeyId'),
  // tags
  TagResource: key('kms:TagResource'),
  UntagResource: key('kms:UntagResource'),
  TagResources: key('kms:TagResource'),
  UntagResources: key('kms:UntagResource'),
  ListResourceTags: key('kms:ListResourceTags'),
  // symmetric crypto and data keys
  Encrypt: key('kms:Encrypt'),
  Decrypt: key('kms:Decrypt'),
  GenerateDataKey: key('kms:GenerateDataKey'),
  GenerateDataKeyWithoutPlaintext: key('kms:GenerateDataKeyWithoutPlaintext'),
  GenerateAndExportDataKey: key('kms:GenerateAndExportDataKey'),
  ExportDataKey: key('kms:ExportDataKey'),
  // asymmetric
  AsymmetricEncrypt: key('kms:AsymmetricEncrypt'),
  AsymmetricDecrypt: key('kms:AsymmetricDecrypt'),
  AsymmetricSign: key('kms:AsymmetricSign'),
  AsymmetricVerify: key('kms:AsymmetricVerify'),
  GetPublicKey: key('kms:GetPublicKey'),
  // BYOK
  GetParametersForImport: key('kms:GetParametersForImport'),
  ImportKeyMaterial: key('kms:ImportKeyMaterial'),
  DeleteKeyMaterial: key('kms:DeleteKeyMaterial'),
  // key policy
  GetKeyPolicy: key('kms:GetKeyPolicy'),
  SetKeyPolicy: key('kms:SetKeyPolicy'),
  // keyledger additions (DESIGN §7)
  DescribeKeyAssociations: key('kms:DescribeKeyAssociations'),
  GetKeyLastCallTime: key('kms:GetKeyLastCallTime'),
  ListKeyHistory: key('kms:ListKeyHistory'),
  GetInclusionProof: key('kms:GetInclusionProof'), // the key's events, like ListKeyHistory
}

/** The `kms:` permission an API action needs and whether it acts on a key or on the account. */
export const permissionOf = (apiAction: string): Permission | undefined =>
  Object.hasOwn(PERMISSIONS, apiAction) ? PERMISSIONS[apiAction] : undefined

/** The permission name alone; undefined for ReEncrypt (two keys: use `reEncryptPermissions`) and unknown actions. */
export const kmsActionOf = (apiAction: string): KmsAction | undefined => permissionOf(apiAction)?.action

export const reEncryptPermissions = { source: 'kms:ReEncryptFrom', destination: 'kms:ReEncryptTo' } as const satisfies
  Readonly<Record<'source' | 'destination', KmsAction>>

/** Every API action with a single-key or account permission (ReEncrypt excluded). */
export const API_ACTIONS: readonly string[] = Object.keys(PERMISSIONS)

/**
 * `kms:List*`, `kms:*` or an exact name; RAM action names compare case-insensitively. A bare `*` (allowed in
 * identity policies) matches every action.
 */
export const actionMatches = (pattern: string, action: KmsAction): boolean => globMatches(pattern, action, { ignoreCase: true })
