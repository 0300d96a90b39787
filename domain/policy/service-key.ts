import type { KeyPolicyDocument } from '../values/key-policy.ts'
import { accountPrincipalArn, parsePrincipal, ramRoleArn } from './principal.ts'

// Service keys (S-1.1, docs/key-kinds.md): default keys a cloud service (OSS, ECS…) creates and manages for an
// account. The service acts through a RAM role of that account the config declares (`accounts[].services`):
// `acs:ram::<uid>:role/service.<name>`. Its key records the service as its creator, is named `alias/acs/<name>`
// (the prefix users may not take, API reference §5.5) and gets a fixed policy: the service may do everything,
// the account's identities may describe, list and audit it, and nobody else anything — so a user's DisableKey,
// ScheduleKeyDeletion or SetKeyPolicy is the API's 403 Forbidden.NoPermission, decided like any other refusal.

/** A cloud service's short name as the config gives it: `oss`, `ecs`, `rds`… */
export const SERVICE_NAME = /^[a-z][a-z0-9-]{1,31}$/

const ROLE_PREFIX = 'service.'

/** The RAM role through which `service` acts for `accountId`. */
export const serviceRoleArn = (accountId: string, service: string): string => ramRoleArn(accountId, `${ROLE_PREFIX}${service}`)

/** The service a principal acts for, when it is a service role (whether declared is the deployment's question). */
export const serviceOfRole = (principal: string): string | undefined => {
  const p = parsePrincipal(principal)
  if (p?.kind !== 'role' || !p.name.startsWith(ROLE_PREFIX)) return undefined
  const name = p.name.slice(ROLE_PREFIX.length)
  return SERVICE_NAME.test(name) ? name : undefined
}

export const serviceKeyAlias = (service: string): string => `alias/acs/${service}`

/** What the account's own identities may do with a service key: read and audit it, never manage or use it. */
export const SERVICE_KEY_ACCOUNT_ACTIONS = ['kms:Describe*', 'kms:List*', 'kms:GetKeyPolicy', 'kms:GetKeyLastCallTime'] as const

export const serviceKeyPolicy = (accountId: string, service: string): KeyPolicyDocument => ({
  Version: '1',
  Statement: [
    { Sid: 'ServiceManaged', Effect: 'Allow', Principal: { RAM: [serviceRoleArn(accountId, service)] }, Action: ['kms:*'], Resource: ['*'] },
    { Sid: 'AccountDescribesAndAudits', Effect: 'Allow', Principal: { RAM: [accountPrincipalArn(accountId)] }, Action: [...SERVICE_KEY_ACCOUNT_ACTIONS], Resource: ['*'] },
  ],
})

// ListKeys' CreatorType: a user's key records its account id as creator (digits), a service key its service's
// name (SERVICE_NAME starts with a letter), so the creator alone tells them apart and no stored event changes.
// The read store filters on that (adapters/readstore/key-catalogue-query.ts, a GLOB on the creator column).
