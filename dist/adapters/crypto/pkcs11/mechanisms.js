import pkcs11js from 'pkcs11js';
import { SHA256_DIGEST_INFO, ecdsaDerToRaw, ecdsaRawToDer } from "./der.js";
import { isCkr } from "./errors.js";
import { oaepDecode } from "./oaep.js";
export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;
const gcm = (iv, aad) => ({
    mechanism: pkcs11js.CKM_AES_GCM,
    // The v240 form sets ulIvBits; the legacy form leaves it uninitialised (platform notes §1.4 pitfall 1).
    parameter: { type: pkcs11js.CK_PARAMS_AES_GCM_v240, iv, ivBits: iv.length * 8, aad, tagBits: GCM_TAG_BYTES * 8 },
});
/** SoftHSM answers CKM_AES_GCM output as ciphertext ‖ tag. */
export const gcmEncrypt = (p11, s, key, iv, plaintext, aad) => {
    p11.C_EncryptInit(s, gcm(iv, aad), key);
    // pkcs11js passes an empty Buffer as NULL, which SoftHSM answers CKR_ARGUMENTS_BAD; with no data, the final
    // part alone yields the tag.
    const out = plaintext.length === 0
        ? p11.C_EncryptFinal(s, Buffer.alloc(GCM_TAG_BYTES))
        : p11.C_Encrypt(s, plaintext, Buffer.alloc(plaintext.length + GCM_TAG_BYTES));
    return { ciphertext: Buffer.from(out.subarray(0, out.length - GCM_TAG_BYTES)), tag: Buffer.from(out.subarray(out.length - GCM_TAG_BYTES)) };
};
/** Returns null when the tag does not authenticate (SoftHSM: CKR_GENERAL_ERROR, not CKR_ENCRYPTED_DATA_INVALID). */
export const gcmDecrypt = (p11, s, key, iv, ciphertext, tag, aad) => {
    p11.C_DecryptInit(s, gcm(iv, aad), key);
    try {
        return Buffer.from(p11.C_Decrypt(s, Buffer.concat([ciphertext, tag]), Buffer.alloc(ciphertext.length + GCM_TAG_BYTES)));
    }
    catch (e) {
        if (isCkr(e, pkcs11js.CKR_GENERAL_ERROR, pkcs11js.CKR_ENCRYPTED_DATA_INVALID, pkcs11js.CKR_ENCRYPTED_DATA_LEN_RANGE))
            return null;
        throw e;
    }
};
const PSS_SHA256 = {
    mechanism: pkcs11js.CKM_RSA_PKCS_PSS,
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it: without it the literal is checked against Buffer | IParams
    parameter: { type: pkcs11js.CK_PARAMS_RSA_PSS, hashAlg: pkcs11js.CKM_SHA256, mgf: pkcs11js.CKG_MGF1_SHA256, saltLen: 32 },
};
const PKCS1 = { mechanism: pkcs11js.CKM_RSA_PKCS };
const ECDSA = { mechanism: pkcs11js.CKM_ECDSA };
// CKZ_DATA_SPECIFIED is not exported by pkcs11js: source 1 (pitfall 2). SoftHSM 2.6.1 takes only SHA-1 here.
const OAEP_SHA1 = {
    mechanism: pkcs11js.CKM_RSA_PKCS_OAEP,
    parameter: { type: pkcs11js.CK_PARAMS_RSA_OAEP, hashAlg: pkcs11js.CKM_SHA_1, mgf: pkcs11js.CKG_MGF1_SHA1, source: 1 },
};
const RAW_RSA = { mechanism: pkcs11js.CKM_RSA_X_509 };
const rsaSignMechanism = (algorithm, digest) => algorithm === 'RSA_PSS_SHA_256' ? [PSS_SHA256, digest] : [PKCS1, Buffer.concat([SHA256_DIGEST_INFO, digest])];
export const rsaSign = async (p11, s, key, modulusBytes, algorithm, digest) => {
    const [mechanism, data] = rsaSignMechanism(algorithm, digest);
    p11.C_SignInit(s, mechanism, key);
    return Buffer.from(await p11.C_SignAsync(s, data, Buffer.alloc(modulusBytes)));
};
/** C_Verify throws CKR_SIGNATURE_INVALID / CKR_SIGNATURE_LEN_RANGE instead of returning false (§1.3). */
const verify = (p11, s, mechanism, key, data, signature) => {
    // An empty Buffer reaches Cryptoki as NULL: CKR_ARGUMENTS_BAD, with the operation left active.
    if (signature.length === 0)
        return false;
    p11.C_VerifyInit(s, mechanism, key);
    try {
        return p11.C_Verify(s, data, signature);
    }
    catch (e) {
        if (isCkr(e, pkcs11js.CKR_SIGNATURE_INVALID, pkcs11js.CKR_SIGNATURE_LEN_RANGE))
            return false;
        throw e;
    }
};
export const rsaVerify = (p11, s, key, algorithm, digest, signature) => {
    const [mechanism, data] = rsaSignMechanism(algorithm, digest);
    return verify(p11, s, mechanism, key, data, signature);
};
/** CKM_ECDSA over a digest made outside: SoftHSM 2.6.1 lacks CKM_ECDSA_SHA256 (§1.3). Answers raw r ‖ s. */
export const ecdsaSign = (p11, s, key, digest) => {
    p11.C_SignInit(s, ECDSA, key);
    return Buffer.from(p11.C_Sign(s, digest, Buffer.alloc(132)));
};
export const ecdsaVerify = (p11, s, key, digest, rawSignature) => verify(p11, s, ECDSA, key, digest, rawSignature);
/** Alibaba's Sign answers ECDSA as DER SEQUENCE { r, s } (X9.62), not the token's r ‖ s. */
export const ecdsaSignDer = (p11, s, key, digest) => ecdsaRawToDer(ecdsaSign(p11, s, key, digest));
/** A signature that is not strict DER is not valid (Wycheproof's BER variants must fail), without a token call. */
export const ecdsaVerifyDer = (p11, s, key, fieldBytes, digest, der) => {
    const raw = ecdsaDerToRaw(der, fieldBytes);
    return raw !== null && ecdsaVerify(p11, s, key, digest, raw);
};
export const oaepSha1Encrypt = (p11, s, publicKey, modulusBytes, plaintext) => {
    p11.C_EncryptInit(s, OAEP_SHA1, publicKey);
    return Buffer.from(p11.C_Encrypt(s, plaintext, Buffer.alloc(modulusBytes)));
};
/** Ciphertext failures come back as null: OAEP decrypt of garbage is CKR_GENERAL_ERROR on SoftHSM (pitfall 10). */
const decryptFailure = (e) => {
    if (isCkr(e, pkcs11js.CKR_GENERAL_ERROR, pkcs11js.CKR_ENCRYPTED_DATA_INVALID, pkcs11js.CKR_ENCRYPTED_DATA_LEN_RANGE))
        return null;
    throw e;
};
export const oaepSha1Decrypt = async (p11, s, privateKey, modulusBytes, ciphertext) => {
    if (ciphertext.length !== modulusBytes)
        return null;
    p11.C_DecryptInit(s, OAEP_SHA1, privateKey);
    return p11.C_DecryptAsync(s, ciphertext, Buffer.alloc(modulusBytes)).then((b) => Buffer.from(b), decryptFailure);
};
/**
 * RSAES-OAEP-SHA256 decryption with the private operation on the token: raw RSA (CKM_RSA_X_509) there, OAEP
 * decoding here (oaep.ts). The key never leaves the token; only the padded message does, as it would inside any
 * module that implements OAEP.
 */
export const oaepSha256Decrypt = async (p11, s, privateKey, modulusBytes, ciphertext, label = Buffer.alloc(0)) => {
    if (ciphertext.length !== modulusBytes)
        return null; // RFC 8017 §7.1.2 step 1b
    p11.C_DecryptInit(s, RAW_RSA, privateKey);
    const raw = await p11.C_DecryptAsync(s, ciphertext, Buffer.alloc(modulusBytes)).then((b) => Buffer.from(b), decryptFailure);
    if (!raw || raw.length > modulusBytes)
        return null;
    const em = Buffer.alloc(modulusBytes);
    raw.copy(em, modulusBytes - raw.length);
    return oaepDecode(em, 'sha256', label);
};
