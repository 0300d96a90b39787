import { OPERATIONS } from '../operations/catalogue.ts'
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

/**
 * Each API action's permission, read off the catalogue of operations (domain/operations/catalogue.ts), where each
 * is declared. ReEncrypt (two permissions) and the scheduler's commands (none) have no entry here.
 */
const PERMISSIONS: Readonly<Record<string, Permission>> = Object.fromEntries(
  Object.values(OPERATIONS).flatMap((o) => (o.permission && 'action' in o.permission ? [[o.name, o.permission]] : [])),
)

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
