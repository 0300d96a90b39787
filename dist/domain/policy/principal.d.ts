import * as t from 'io-ts';
export type Principal = {
    readonly kind: 'root';
    readonly accountId: string;
} | {
    readonly kind: 'user';
    readonly accountId: string;
    readonly name: string;
} | {
    readonly kind: 'role';
    readonly accountId: string;
    readonly name: string;
};
/** What a policy statement may name: a concrete principal, a whole account, or users/roles by a `*` name pattern. */
export type PrincipalPattern = {
    readonly kind: 'account';
    readonly accountId: string;
} | {
    readonly kind: 'root';
    readonly accountId: string;
} | {
    readonly kind: 'user';
    readonly accountId: string;
    readonly namePattern: string;
} | {
    readonly kind: 'role';
    readonly accountId: string;
    readonly namePattern: string;
};
export type PrincipalKind = Principal['kind'];
export declare const parsePrincipal: (arn: string) => Principal | undefined;
/**
 * Parses a principal named in a policy: the one grammar for both accepting (parseKeyPolicy refuses what this
 * cannot parse) and matching. The account must be a literal account id: a statement naming "every account"
 * (`acs:ram::*:*`) would make a key public, so it is refused; a stored one never matches in an Allow and
 * refuses everyone in a Deny (authorize.ts).
 */
export declare const parsePrincipalPattern: (arn: string) => PrincipalPattern | undefined;
export declare const principalArn: (p: Principal) => string;
export declare const rootArn: (accountId: string) => string;
export declare const accountPrincipalArn: (accountId: string) => string;
export declare const ramUserArn: (accountId: string, name: string) => string;
export declare const ramRoleArn: (accountId: string, name: string) => string;
export declare const isRamIdentity: (p: Principal) => p is Extract<Principal, {
    kind: "user" | "role";
}>;
/**
 * Whether a policy's pattern names the principal. `sameAsAccount` lists accounts that count as the pattern's
 * account for `…:*` and `…:root` (resource sharing, S-5.1); user and role patterns always need the exact account,
 * so sharing never turns `acs:ram::2:user/alice` into account 1's alice.
 */
export declare const principalMatches: (pattern: PrincipalPattern, p: Principal, sameAsAccount?: readonly string[]) => boolean;
/** Decodes a caller's ARN (config, request context) into a `Principal`; encodes back to the ARN. */
export declare const PrincipalArn: t.Type<Principal, string>;
export interface PrincipalPatternBrand {
    readonly PrincipalPattern: unique symbol;
}
/** A principal as a policy may name it (wildcards allowed); stays a string, checked to parse. */
export declare const PrincipalPatternArn: t.BrandC<t.StringC, PrincipalPatternBrand>;
export type PrincipalPatternArn = t.TypeOf<typeof PrincipalPatternArn>;
