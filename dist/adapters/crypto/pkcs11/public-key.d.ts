import { type KeyObject } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import type { EcSpec, RsaSpec } from './objects.ts';
type Handle = pkcs11js.Handle;
/** RSA: CKA_MODULUS and CKA_PUBLIC_EXPONENT as a JWK; EC: CKA_EC_POINT inside the curve's SPKI header. */
export declare const readPublicKey: (p11: pkcs11js.PKCS11, s: Handle, object: Handle, spec: RsaSpec | EcSpec) => KeyObject;
export declare const spkiPem: (key: KeyObject) => string;
export {};
