import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../errors.ts';
import type { KeyPolicyDocument, PolicyStatement } from '../values/key-policy.ts';
import type { KmsAction } from './actions.ts';
/** S-5.2 Administrators: management only, no cryptographic operation. Exactly the seed's list. */
export declare const ADMINISTRATOR_ACTIONS: readonly KmsAction[];
/**
 * S-5.2 Users and other-account users: cryptographic use only. Exactly the seed's list: it has no
 * `kms:AsymmetricSign`, `kms:AsymmetricVerify`, `kms:GetPublicKey` or `kms:GenerateDataKeyWithoutPlaintext`, so
 * a console user cannot sign; grant those with a custom statement.
 */
export declare const USER_ACTIONS: readonly KmsAction[];
export declare const administratorStatement: (principals: readonly string[]) => PolicyStatement;
export declare const userStatement: (principals: readonly string[]) => PolicyStatement;
export declare const otherAccountUserStatement: (principals: readonly string[]) => PolicyStatement;
/** Keeps the main account in control of its key: without it, a console-style policy would lock out the root. */
export declare const ownerRootStatement: (ownerAccountId: string) => PolicyStatement;
export interface ConsoleRoles {
    readonly ownerAccountId: string;
    readonly administrators?: readonly string[];
    readonly users?: readonly string[];
    readonly otherAccountUsers?: readonly string[];
    /** Default true: the main account keeps `kms:*` through `ownerRootStatement`. */
    readonly keepOwnerRoot?: boolean;
}
/**
 * Builds the policy the console would save. Administrators and users are RAM users or roles of the owning
 * account; other-account users are RAM users or roles of another account (S-5.2). Empty roles add no statement.
 */
export declare const consoleKeyPolicy: (roles: ConsoleRoles) => E.Either<KmsError, KeyPolicyDocument>;
