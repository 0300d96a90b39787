import * as E from 'fp-ts/lib/Either.js';
import type { KmsError } from '../errors.ts';
import { type KeyPolicyDocument } from '../values/key-policy.ts';
/**
 * The policy a key's state holds as text: empty means the key never got a custom one, so the default policy of
 * S-5.1 applies (only the owning account). A stored text that no longer parses is an error, never "allow all".
 */
export declare const effectiveKeyPolicy: (text: string, ownerAccountId: string) => E.Either<KmsError, KeyPolicyDocument>;
