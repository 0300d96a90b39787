import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../errors.ts';
import { type Principal } from './principal.ts';
export declare const IdentityStatement: t.IntersectionC<[t.TypeC<{
    Effect: t.KeyofC<{
        Allow: null;
        Deny: null;
    }>;
    Action: t.Type<readonly string[], string | readonly string[], unknown>;
    Resource: t.Type<readonly string[], string | readonly string[], unknown>;
}>, t.PartialC<{
    Sid: t.StringC;
    Condition: t.UnknownRecordC;
}>]>;
export type IdentityStatement = t.TypeOf<typeof IdentityStatement>;
export declare const IdentityPolicyDocument: t.Type<{
    Version: "1";
    Statement: ({
        Effect: "Allow" | "Deny";
        Action: readonly string[];
        Resource: readonly string[];
    } & {
        Sid?: string | undefined;
        Condition?: {
            [key: string]: unknown;
        } | undefined;
    })[];
}, {
    Version: "1";
    Statement: ({
        Effect: "Allow" | "Deny";
        Action: string | readonly string[];
        Resource: string | readonly string[];
    } & {
        Sid?: string | undefined;
        Condition?: {
            [key: string]: unknown;
        } | undefined;
    })[];
}, unknown>;
export type IdentityPolicyDocument = t.TypeOf<typeof IdentityPolicyDocument>;
/**
 * The identity policies a deployment attaches, keyed by the RAM user or role they belong to: the shape a config
 * file gives (the config helper decodes it). Policies of a principal are always those of its own account.
 */
export declare const RamIdentityPolicies: t.ArrayC<t.TypeC<{
    principal: t.Type<Principal, string, unknown>;
    policies: t.ArrayC<t.Type<{
        Version: "1";
        Statement: ({
            Effect: "Allow" | "Deny";
            Action: readonly string[];
            Resource: readonly string[];
        } & {
            Sid?: string | undefined;
            Condition?: {
                [key: string]: unknown;
            } | undefined;
        })[];
    }, {
        Version: "1";
        Statement: ({
            Effect: "Allow" | "Deny";
            Action: string | readonly string[];
            Resource: string | readonly string[];
        } & {
            Sid?: string | undefined;
            Condition?: {
                [key: string]: unknown;
            } | undefined;
        })[];
    }, unknown>>;
}>>;
export type RamIdentityPolicies = t.TypeOf<typeof RamIdentityPolicies>;
export declare const identityPoliciesOf: (directory: RamIdentityPolicies, p: Principal) => readonly IdentityPolicyDocument[];
export declare const parseIdentityPolicy: (json: unknown, name?: string) => E.Either<KmsError, IdentityPolicyDocument>;
/** Key ARNs compare case-sensitively: key ids are lowercase and regions are fixed names. */
export declare const resourceMatches: (pattern: string, resourceArn: string) => boolean;
/** The resource an account-level action (CreateKey, ListKeys…) is checked against: every key of the account. */
export declare const accountKeysResource: (region: string, accountId: string) => string;
