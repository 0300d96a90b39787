import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter, missingParameter, unsupportedOperation } from "../../domain/errors.js";
import { isSymmetric } from "../../domain/values/key-spec.js";
// Which key can do what (API reference §5.7): symmetric keys encrypt and make data keys; asymmetric keys
// encrypt or sign according to their usage, with the algorithms of their spec only.
const ENCRYPTION = {
    RSA_2048: ['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'],
    RSA_3072: ['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'],
    RSA_4096: ['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'],
    EC_SM2: ['SM2PKE'],
};
const SIGNING = {
    RSA_2048: ['RSA_PSS_SHA_256', 'RSA_PKCS1_SHA_256'],
    RSA_3072: ['RSA_PSS_SHA_256', 'RSA_PKCS1_SHA_256'],
    RSA_4096: ['RSA_PSS_SHA_256', 'RSA_PKCS1_SHA_256'],
    EC_P256: ['ECDSA_SHA_256'],
    EC_P256K: ['ECDSA_SHA_256'],
    EC_SM2: ['SM2DSA'],
};
export const requireSymmetric = (s) => isSymmetric(s.spec) ? E.right(s) : E.left(unsupportedOperation(`${s.spec} is an asymmetric key; use the Asymmetric* actions.`));
export const requireAsymmetric = (s) => isSymmetric(s.spec) ? E.left(unsupportedOperation(`${s.spec} is a symmetric key; it has no public key or versions to name.`)) : E.right(s);
export const checkEncryptionAlgorithm = (s, algorithm) => {
    if (isSymmetric(s.spec) || s.usage !== 'ENCRYPT/DECRYPT')
        return E.left(unsupportedOperation(`The key's usage is ${s.usage} (${s.spec}); it does not encrypt asymmetrically.`));
    const allowed = ENCRYPTION[s.spec] ?? [];
    return allowed.includes(algorithm)
        ? E.right(algorithm)
        : E.left(invalidParameter('Algorithm', `${s.spec} encrypts with ${allowed.join(' or ')}.`));
};
export const checkSigningAlgorithm = (s, algorithm) => {
    if (s.usage !== 'SIGN/VERIFY')
        return E.left(unsupportedOperation(`The key's usage is ${s.usage}; it does not sign.`));
    const allowed = SIGNING[s.spec] ?? [];
    return allowed.includes(algorithm)
        ? E.right(algorithm)
        : E.left(invalidParameter('Algorithm', `${s.spec} signs with ${allowed.join(' or ')}.`));
};
/** Asymmetric keys have no primary version: every call names one (API reference §5.4). */
export const checkVersion = (s, versionId) => {
    if (!versionId)
        return E.left(missingParameter('KeyVersionId'));
    return s.versions.some((v) => v.versionId === versionId)
        ? E.right(versionId)
        : E.left({ code: 'Forbidden.KeyVersionNotFound', httpStatus: 404, message: `The specified KeyVersion is not found: ${versionId}` });
};
export const checkExportWrapping = (spec, algorithm) => {
    if (spec === 'RSA_2048' && (algorithm === 'RSAES_OAEP_SHA_256' || algorithm === 'RSAES_OAEP_SHA_1'))
        return E.right({ spec, algorithm });
    if (spec === 'EC_SM2' && algorithm === 'SM2PKE')
        return E.right({ spec, algorithm });
    if (spec !== 'RSA_2048' && spec !== 'EC_SM2')
        return E.left(invalidParameter('WrappingKeySpec', 'it is RSA_2048 or EC_SM2.'));
    return E.left(invalidParameter('WrappingAlgorithm', spec === 'RSA_2048' ? 'RSA_2048 takes RSAES_OAEP_SHA_256 or RSAES_OAEP_SHA_1.' : 'EC_SM2 takes SM2PKE.'));
};
/** Software instances wrap imports with RSA_2048 only (EC_SM2/SM2PKE is for HSM keys, API reference §5.11). */
export const checkImportWrapping = (spec, algorithm) => {
    if (spec !== 'RSA_2048')
        return E.left(invalidParameter('WrappingKeySpec', 'RSA_2048 is the wrapping key spec this KMS offers.'));
    return algorithm === 'RSAES_OAEP_SHA_256' || algorithm === 'RSAES_OAEP_SHA_1' || algorithm === 'RSAES_PKCS1_V1_5'
        ? E.right(algorithm)
        : E.left(invalidParameter('WrappingAlgorithm', 'it is RSAES_OAEP_SHA_256, RSAES_OAEP_SHA_1 or RSAES_PKCS1_V1_5.'));
};
