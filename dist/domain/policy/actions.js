import { OPERATIONS } from "../operations/catalogue.js";
import { globMatches } from "./glob.js";
/**
 * Each API action's permission, read off the catalogue of operations (domain/operations/catalogue.ts), where each
 * is declared. ReEncrypt (two permissions) and the scheduler's commands (none) have no entry here.
 */
const PERMISSIONS = Object.fromEntries(Object.values(OPERATIONS).flatMap((o) => (o.permission && 'action' in o.permission ? [[o.name, o.permission]] : [])));
/** The `kms:` permission an API action needs and whether it acts on a key or on the account. */
export const permissionOf = (apiAction) => Object.hasOwn(PERMISSIONS, apiAction) ? PERMISSIONS[apiAction] : undefined;
/** The permission name alone; undefined for ReEncrypt (two keys: use `reEncryptPermissions`) and unknown actions. */
export const kmsActionOf = (apiAction) => permissionOf(apiAction)?.action;
export const reEncryptPermissions = { source: 'kms:ReEncryptFrom', destination: 'kms:ReEncryptTo' };
/** Every API action with a single-key or account permission (ReEncrypt excluded). */
export const API_ACTIONS = Object.keys(PERMISSIONS);
/**
 * `kms:List*`, `kms:*` or an exact name; RAM action names compare case-insensitively. A bare `*` (allowed in
 * identity policies) matches every action.
 */
export const actionMatches = (pattern, action) => globMatches(pattern, action, { ignoreCase: true });
