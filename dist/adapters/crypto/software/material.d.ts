import { type KeyObject } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { KmsError } from '../../../domain/errors.ts';
import type { KeySpec } from '../../../domain/values/key-spec.ts';
import { type EcdsaKeyPair } from './ecdsa.ts';
import { type Sm2Keys } from './sm2.ts';
import type { MaterialKind } from '../../../domain/ports/key-vault.ts';
export type LoadedMaterial = {
    readonly type: 'aes';
    readonly key: Buffer;
} | {
    readonly type: 'sm4';
    readonly keys: {
        encKey: Buffer;
        macKey: Buffer;
    };
} | {
    readonly type: 'rsa';
    readonly privateKey: KeyObject;
    readonly publicKey: KeyObject;
} | {
    readonly type: 'ec';
    readonly ecdsa: EcdsaKeyPair;
    readonly publicKey: KeyObject;
} | {
    readonly type: 'sm2';
    readonly keys: Sm2Keys;
} | {
    readonly type: 'hmac';
    readonly key: Buffer;
};
export declare const symmetricKeyBytes: (spec: KeySpec) => number | undefined;
/**
 * Keys are generated straight into DER. Never export a KeyObject that `generateKeyPair(Sync)` returned: on
 * Node 20 its export holds the key's mutex while allocating, and a garbage collection that then frees the
 * generation job locks the same mutex: the process deadlocks (seen here, stack in KeyGenJob::~KeyGenJob).
 */
export declare const generateRsaDer: (modulusLength: number) => Promise<{
    publicKey: Buffer;
    privateKey: Buffer;
}>;
/** Fresh material for a spec, as the vault stores it. */
export declare const generateMaterial: (spec: KeySpec) => Promise<{
    kind: MaterialKind;
    material: Buffer;
}>;
/** Parses stored or imported material and checks it fits the spec. */
export declare const loadMaterial: (spec: KeySpec, kind: MaterialKind, material: Buffer) => E.Either<KmsError, LoadedMaterial>;
