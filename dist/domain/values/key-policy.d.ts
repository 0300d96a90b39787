import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../errors.ts';
export declare const MAX_POLICY_BYTES = 32768;
declare const Statement: t.IntersectionC<[t.TypeC<{
    Effect: t.KeyofC<{
        Allow: null;
        Deny: null;
    }>;
    Principal: t.TypeC<{
        RAM: t.ArrayC<t.StringC>;
    }>;
    Action: t.ArrayC<t.StringC>;
    Resource: t.ArrayC<t.StringC>;
}>, t.PartialC<{
    Sid: t.StringC;
    Condition: t.UnknownRecordC;
}>]>;
export type PolicyStatement = t.TypeOf<typeof Statement>;
export declare const KeyPolicyDocument: t.TypeC<{
    Version: t.LiteralC<"1">;
    Statement: t.ArrayC<t.IntersectionC<[t.TypeC<{
        Effect: t.KeyofC<{
            Allow: null;
            Deny: null;
        }>;
        Principal: t.TypeC<{
            RAM: t.ArrayC<t.StringC>;
        }>;
        Action: t.ArrayC<t.StringC>;
        Resource: t.ArrayC<t.StringC>;
    }>, t.PartialC<{
        Sid: t.StringC;
        Condition: t.UnknownRecordC;
    }>]>>;
}>;
export type KeyPolicyDocument = t.TypeOf<typeof KeyPolicyDocument>;
/** Parses and checks a key policy as the API's SetKeyPolicy and CreateKey `Policy` describe it (§5.12). */
export declare const parseKeyPolicy: (text: string, name?: string) => E.Either<KmsError, KeyPolicyDocument>;
/** S-5.1: without a custom policy only the owning main account may manage and use the key. */
export declare const defaultKeyPolicy: (accountId: string) => KeyPolicyDocument;
export {};
