import pkcs11js from 'pkcs11js';
import type { KeySpec } from '../../../domain/values/key-spec.ts';
import { EC_PARAMS } from './der.ts';
type Handle = pkcs11js.Handle;
type P11 = pkcs11js.PKCS11;
export declare const versionLabel: (keyId: string, versionId: string) => string;
export declare const generatedId: (keyId: string) => Buffer;
export declare const importedId: (keyId: string) => Buffer;
export type TokenSpec = 'Aliyun_AES_256' | 'Aliyun_AES_192' | 'Aliyun_AES_128' | 'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'EC_P256' | 'EC_P256K' | 'HMAC_SHA256';
/** SM2 and SM4 are absent from SoftHSM 2.6.1 (no SM mechanisms at all, platform notes §1.3). */
export declare const isTokenSpec: (spec: KeySpec) => spec is TokenSpec;
export declare const AES_BYTES: {
    readonly Aliyun_AES_256: 32;
    readonly Aliyun_AES_192: 24;
    readonly Aliyun_AES_128: 16;
};
export declare const RSA_BITS: {
    readonly RSA_2048: 2048;
    readonly RSA_3072: 3072;
    readonly RSA_4096: 4096;
};
export type AesSpec = keyof typeof AES_BYTES;
export type RsaSpec = keyof typeof RSA_BITS;
export type EcSpec = keyof typeof EC_PARAMS;
export declare const isAes: (spec: TokenSpec) => spec is AesSpec;
/** Secret (symmetric) keys on the token: AES, and HMAC generic secrets. */
export declare const SECRET_BYTES: {
    readonly HMAC_SHA256: 32;
    readonly Aliyun_AES_256: 32;
    readonly Aliyun_AES_192: 24;
    readonly Aliyun_AES_128: 16;
};
export type SecretSpec = keyof typeof SECRET_BYTES;
export declare const isSecret: (spec: TokenSpec) => spec is SecretSpec;
export declare const isRsa: (spec: TokenSpec) => spec is RsaSpec;
export declare const secretKeyTemplate: (spec: SecretSpec, label: string, id: Buffer) => pkcs11js.Template;
/** Makes the material of one version. Key pairs can take seconds (RSA-4096: ~2 s), so they run async. */
export declare const generateOnToken: (p11: P11, s: Handle, spec: TokenSpec, label: string, id: Buffer) => Promise<void>;
/** BYOK: the material becomes a sensitive, non-extractable token object, like generated material. */
export declare const importSecretKey: (p11: P11, s: Handle, spec: SecretSpec, label: string, id: Buffer, material: Buffer) => void;
export declare const findObjects: (p11: P11, s: Handle, template: pkcs11js.Template) => Handle[];
export declare const findByLabel: (p11: P11, s: Handle, label: string, objectClass: number) => Handle[];
/** The key ids named by the labels of every token object of ours (private objects: the session is logged in). */
export declare const keyIdsOnToken: (p11: P11, s: Handle) => string[];
/** Destroys every object with this CKA_ID; answers how many. */
export declare const destroyById: (p11: P11, s: Handle, id: Buffer) => number;
export {};
