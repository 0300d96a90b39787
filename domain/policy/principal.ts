import * as t from 'io-ts'
import { globMatches } from './glob.ts'

// Principals as RAM writes them (API reference §5.12, S-5.2):
//   acs:ram::<uid>:root          the main account
//   acs:ram::<uid>:user/<name>   a RAM user of that account
//   acs:ram::<uid>:role/<name>   a RAM role of that account
//   acs:ram::<uid>:*             in a policy only: every identity of that account (root, users, roles)
// A caller is always one concrete identity; wildcards appear only in policy statements.

export type Principal =
  | { readonly kind: 'root'; readonly accountId: string }
  | { readonly kind: 'user'; readonly accountId: string; readonly name: string }
  | { readonly kind: 'role'; readonly accountId: string; readonly name: string }

/** What a policy statement may name: a concrete principal, a whole account, or users/roles by a `*` name pattern. */
export type PrincipalPattern =
  | { readonly kind: 'account'; readonly accountId: string }
  | { readonly kind: 'root'; readonly accountId: string }
  | { readonly kind: 'user'; readonly accountId: string; readonly namePattern: string }
  | { readonly kind: 'role'; readonly accountId: string; readonly namePattern: string }

export type PrincipalKind = Principal['kind']

// RAM user and role names: 1–64 of letters, digits and `._@-` (role names use a subset).
const NAME = '[A-Za-z0-9._@-]{1,64}'
const ACCOUNT = '[0-9]{1,32}'
const CALLER = new RegExp(`^acs:ram::(${ACCOUNT}):(?:(root)|(user|role)/(${NAME}))$`)
const PATTERN = new RegExp(`^acs:ram::(${ACCOUNT}):(?:(\\*)|(root)|(user|role)/([A-Za-z0-9._@*-]{1,64}))$`)

export const parsePrincipal = (arn: string): Principal | undefined => {
  const m = CALLER.exec(arn)
  if (!m) return undefined
  const accountId = m[1]!
  if (m[2]) return { kind: 'root', accountId }
  return { kind: m[3] === 'user' ? 'user' : 'role', accountId, name: m[4]! }
}

/**
 * Parses a principal named in a policy: the one grammar for both accepting (parseKeyPolicy refuses what this
 * cannot parse) and matching. The account must be a literal account id: a statement naming "every account"
 * (`acs:ram::*:*`) would make a key public, so it is refused; a stored one never matches in an Allow and
 * refuses everyone in a Deny (authorize.ts).
 */
export const parsePrincipalPattern = (arn: string): PrincipalPattern | undefined => {
  const m = PATTERN.exec(arn)
  if (!m) return undefined
  const accountId = m[1]!
  if (m[2]) return { kind: 'account', accountId }
  if (m[3]) return { kind: 'root', accountId }
  return { kind: m[4] === 'user' ? 'user' : 'role', accountId, namePattern: m[5]! }
}

export const principalArn = (p: Principal): string =>
  p.kind === 'root' ? `acs:ram::${p.accountId}:root` : `acs:ram::${p.accountId}:${p.kind}/${p.name}`

export const rootArn = (accountId: string): string => `acs:ram::${accountId}:root`
export const accountPrincipalArn = (accountId: string): string => `acs:ram::${accountId}:*`
export const ramUserArn = (accountId: string, name: string): string => `acs:ram::${accountId}:user/${name}`
export const ramRoleArn = (accountId: string, name: string): string => `acs:ram::${accountId}:role/${name}`

/**
 * Whether a policy's pattern names the principal. `sameAsAccount` lists accounts that count as the pattern's
 * account for `…:*` and `…:root` (resource sharing, S-5.1); user and role patterns always need the exact account,
 * so sharing never turns `acs:ram::2:user/alice` into account 1's alice.
 */
export const principalMatches = (pattern: PrincipalPattern, p: Principal, sameAsAccount: readonly string[] = []): boolean => {
  const accountOk = (exactOnly: boolean) =>
    pattern.accountId === p.accountId || (!exactOnly && sameAsAccount.includes(p.accountId))
  switch (pattern.kind) {
    case 'account':
      return accountOk(false)
    case 'root':
      return p.kind === 'root' && accountOk(false)
    case 'user':
    case 'role':
      // RAM names are case-sensitive identifiers here: a looser match would grant more than the author wrote.
      return p.kind === pattern.kind && accountOk(true) && globMatches(pattern.namePattern, p.name)
  }
}

const principalType = new t.Type<Principal, string, unknown>(
  'PrincipalArn',
  (u): u is Principal => typeof u === 'object' && u !== null && 'kind' in u && 'accountId' in u,
  (u, c) => {
    const p = typeof u === 'string' ? parsePrincipal(u) : undefined
    return p ? t.success(p) : t.failure(u, c, 'a principal is acs:ram::<uid>:root, acs:ram::<uid>:user/<name> or acs:ram::<uid>:role/<name>')
  },
  principalArn
)
/** Decodes a caller's ARN (config, request context) into a `Principal`; encodes back to the ARN. */
export const PrincipalArn: t.Type<Principal, string> = principalType

export interface PrincipalPatternBrand { readonly PrincipalPattern: unique symbol }
/** A principal as a policy may name it (wildcards allowed); stays a string, checked to parse. */
export const PrincipalPatternArn = t.brand(
  t.string,
  (s): s is t.Branded<string, PrincipalPatternBrand> => parsePrincipalPattern(s) !== undefined,
  'PrincipalPattern'
)
export type PrincipalPatternArn = t.TypeOf<typeof PrincipalPatternArn>
