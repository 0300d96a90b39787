import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../errors.ts';
export declare const KeySpec: t.KeyofC<{
    Aliyun_AES_256: null;
    Aliyun_AES_192: null;
    Aliyun_AES_128: null;
    Aliyun_SM4: null;
    RSA_2048: null;
    RSA_3072: null;
    RSA_4096: null;
    EC_P256: null;
    EC_P256K: null;
    EC_SM2: null;
    HMAC_SHA256: null;
}>;
export type KeySpec = t.TypeOf<typeof KeySpec>;
export declare const KeyUsage: t.KeyofC<{
    'ENCRYPT/DECRYPT': null;
    'SIGN/VERIFY': null;
    'GENERATE/VERIFY_MAC': null;
}>;
export type KeyUsage = t.TypeOf<typeof KeyUsage>;
/** Where a key lives: the region's default key, or a key of a software, hardware or external instance (S-1). */
export declare const KeyKind: t.KeyofC<{
    default: null;
    software: null;
    hardware: null;
    external: null;
}>;
export type KeyKind = t.TypeOf<typeof KeyKind>;
export declare const Origin: t.KeyofC<{
    Aliyun_KMS: null;
    EXTERNAL: null;
}>;
export type Origin = t.TypeOf<typeof Origin>;
export declare const ProtectionLevel: t.KeyofC<{
    SOFTWARE: null;
    HSM: null;
}>;
export type ProtectionLevel = t.TypeOf<typeof ProtectionLevel>;
export declare const isSymmetric: (spec: KeySpec) => boolean;
/** HMAC keys: secret keys that only make and check MACs (GenerateMac/VerifyMac). */
export declare const isHmac: (spec: KeySpec) => boolean;
/** Secret-key specs (encrypting or MAC) use their primary version; asymmetric keys name a version per call. */
export declare const hasPrimaryVersion: (spec: KeySpec) => boolean;
export declare const specsForKind: (kind: KeyKind) => readonly KeySpec[];
export declare const usagesForSpec: (spec: KeySpec) => readonly KeyUsage[];
/** Keys that can only sign default to SIGN/VERIFY; every other spec defaults to ENCRYPT/DECRYPT. */
export declare const defaultUsage: (spec: KeySpec) => KeyUsage;
export declare const checkSpecForKind: (kind: KeyKind, spec: KeySpec) => E.Either<KmsError, KeySpec>;
export declare const checkUsageForSpec: (spec: KeySpec, usage: KeyUsage) => E.Either<KmsError, KeyUsage>;
