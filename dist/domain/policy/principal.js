import * as t from 'io-ts';
import { globMatches } from "./glob.js";
// RAM user and role names: 1–64 of letters, digits and `._@-` (role names use a subset).
const NAME = '[A-Za-z0-9._@-]{1,64}';
const ACCOUNT = '[0-9]{1,32}';
const CALLER = new RegExp(`^acs:ram::(${ACCOUNT}):(?:(root)|(user|role)/(${NAME}))$`);
const PATTERN = new RegExp(`^acs:ram::(${ACCOUNT}):(?:(\\*)|(root)|(user|role)/([A-Za-z0-9._@*-]{1,64}))$`);
export const parsePrincipal = (arn) => {
    const m = CALLER.exec(arn);
    if (!m)
        return undefined;
    const accountId = m[1];
    if (m[2])
        return { kind: 'root', accountId };
    return { kind: m[3] === 'user' ? 'user' : 'role', accountId, name: m[4] };
};
/**
 * Parses a principal named in a policy: the one grammar for both accepting (parseKeyPolicy refuses what this
 * cannot parse) and matching. The account must be a literal account id: a statement naming "every account"
 * (`acs:ram::*:*`) would make a key public, so it is refused; a stored one never matches in an Allow and
 * refuses everyone in a Deny (authorize.ts).
 */
export const parsePrincipalPattern = (arn) => {
    const m = PATTERN.exec(arn);
    if (!m)
        return undefined;
    const accountId = m[1];
    if (m[2])
        return { kind: 'account', accountId };
    if (m[3])
        return { kind: 'root', accountId };
    return { kind: m[4] === 'user' ? 'user' : 'role', accountId, namePattern: m[5] };
};
export const principalArn = (p) => p.kind === 'root' ? `acs:ram::${p.accountId}:root` : `acs:ram::${p.accountId}:${p.kind}/${p.name}`;
export const rootArn = (accountId) => `acs:ram::${accountId}:root`;
export const accountPrincipalArn = (accountId) => `acs:ram::${accountId}:*`;
export const ramUserArn = (accountId, name) => `acs:ram::${accountId}:user/${name}`;
export const ramRoleArn = (accountId, name) => `acs:ram::${accountId}:role/${name}`;
export const isRamIdentity = (p) => p.kind !== 'root';
/**
 * Whether a policy's pattern names the principal. `sameAsAccount` lists accounts that count as the pattern's
 * account for `…:*` and `…:root` (resource sharing, S-5.1); user and role patterns always need the exact account,
 * so sharing never turns `acs:ram::2:user/alice` into account 1's alice.
 */
export const principalMatches = (pattern, p, sameAsAccount = []) => {
    const accountOk = (exactOnly) => pattern.accountId === p.accountId || (!exactOnly && sameAsAccount.includes(p.accountId));
    switch (pattern.kind) {
        case 'account':
            return accountOk(false);
        case 'root':
            return p.kind === 'root' && accountOk(false);
        case 'user':
        case 'role':
            // RAM names are case-sensitive identifiers here: a looser match would grant more than the author wrote.
            return p.kind === pattern.kind && accountOk(true) && globMatches(pattern.namePattern, p.name);
    }
};
const principalType = new t.Type('PrincipalArn', (u) => typeof u === 'object' && u !== null && 'kind' in u && 'accountId' in u, (u, c) => {
    const p = typeof u === 'string' ? parsePrincipal(u) : undefined;
    return p ? t.success(p) : t.failure(u, c, 'a principal is acs:ram::<uid>:root, acs:ram::<uid>:user/<name> or acs:ram::<uid>:role/<name>');
}, principalArn);
/** Decodes a caller's ARN (config, request context) into a `Principal`; encodes back to the ARN. */
export const PrincipalArn = principalType;
/** A principal as a policy may name it (wildcards allowed); stays a string, checked to parse. */
export const PrincipalPatternArn = t.brand(t.string, (s) => parsePrincipalPattern(s) !== undefined, 'PrincipalPattern');
