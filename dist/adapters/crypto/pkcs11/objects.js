import pkcs11js from 'pkcs11js';
import { EC_PARAMS } from "./der.js";
// How a key version's material is named on the token. CKA_LABEL names one version; CKA_ID names the key, so
// destroy(keyId) finds every version with one search (Cryptoki matches attributes exactly, never by prefix).
// Imported (BYOK) material carries a different CKA_ID so destroyImported never touches generated material.
export const versionLabel = (keyId, versionId) => `keyledger:${keyId}:${versionId}`;
export const generatedId = (keyId) => Buffer.from(keyId, 'utf8');
export const importedId = (keyId) => Buffer.from(`imported:${keyId}`, 'utf8');
/** SM2 and SM4 are absent from SoftHSM 2.6.1 (no SM mechanisms at all, platform notes §1.3). */
export const isTokenSpec = (spec) => spec !== 'Aliyun_SM4' && spec !== 'EC_SM2';
export const AES_BYTES = { Aliyun_AES_256: 32, Aliyun_AES_192: 24, Aliyun_AES_128: 16 };
export const RSA_BITS = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };
export const isAes = (spec) => spec in AES_BYTES;
/** Secret (symmetric) keys on the token: AES, and HMAC generic secrets. */
export const SECRET_BYTES = { ...AES_BYTES, HMAC_SHA256: 32 };
export const isSecret = (spec) => spec in SECRET_BYTES;
export const isRsa = (spec) => spec in RSA_BITS;
/** Every private or secret object: on the token, sensitive and never extractable (docs/architecture.md §5). */
const protectedKey = (label, id) => [
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_PRIVATE, value: true },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_EXTRACTABLE, value: false },
    { type: pkcs11js.CKA_LABEL, value: label },
    { type: pkcs11js.CKA_ID, value: id },
];
// Public objects are CKA_PRIVATE too: their labels name our keys, and an unauthenticated session has no need
// to list them.
const publicKey = (label, id) => [
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_PRIVATE, value: true },
    { type: pkcs11js.CKA_LABEL, value: label },
    { type: pkcs11js.CKA_ID, value: id },
];
const noWrapping = [
    { type: pkcs11js.CKA_WRAP, value: false },
    { type: pkcs11js.CKA_UNWRAP, value: false },
    { type: pkcs11js.CKA_DERIVE, value: false },
];
export const secretKeyTemplate = (spec, label, id) => spec === 'HMAC_SHA256'
    ? [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_GENERIC_SECRET },
        ...protectedKey(label, id),
        ...noWrapping,
        { type: pkcs11js.CKA_SIGN, value: true },
        { type: pkcs11js.CKA_VERIFY, value: true },
    ]
    : [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
        ...protectedKey(label, id),
        ...noWrapping,
        { type: pkcs11js.CKA_ENCRYPT, value: true },
        { type: pkcs11js.CKA_DECRYPT, value: true },
    ];
/** Makes the material of one version. Key pairs can take seconds (RSA-4096: ~2 s), so they run async. */
export const generateOnToken = async (p11, s, spec, label, id) => {
    if (isSecret(spec)) {
        await p11.C_GenerateKeyAsync(s, { mechanism: isAes(spec) ? pkcs11js.CKM_AES_KEY_GEN : pkcs11js.CKM_GENERIC_SECRET_KEY_GEN }, [...secretKeyTemplate(spec, label, id), { type: pkcs11js.CKA_VALUE_LEN, value: SECRET_BYTES[spec] }]);
        return;
    }
    // The port's KeyVersionRef carries no usage, so an RSA pair may both sign and decrypt; the domain decides
    // which the key is used for (S-2.5).
    const rsa = isRsa(spec);
    const mechanism = { mechanism: rsa ? pkcs11js.CKM_RSA_PKCS_KEY_PAIR_GEN : pkcs11js.CKM_EC_KEY_PAIR_GEN };
    const pub = [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY },
        ...publicKey(label, id),
        { type: pkcs11js.CKA_VERIFY, value: true },
        ...(isRsa(spec)
            ? [
                { type: pkcs11js.CKA_ENCRYPT, value: true },
                { type: pkcs11js.CKA_MODULUS_BITS, value: RSA_BITS[spec] },
                { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
            ]
            : [{ type: pkcs11js.CKA_EC_PARAMS, value: EC_PARAMS[spec] }]),
    ];
    const priv = [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
        ...protectedKey(label, id),
        // CKA_WRAP is not a private-key attribute (CKR_ATTRIBUTE_TYPE_INVALID on SoftHSM).
        { type: pkcs11js.CKA_UNWRAP, value: false },
        { type: pkcs11js.CKA_DERIVE, value: false },
        { type: pkcs11js.CKA_SIGN, value: true },
        ...(rsa ? [{ type: pkcs11js.CKA_DECRYPT, value: true }] : []),
    ];
    await p11.C_GenerateKeyPairAsync(s, mechanism, pub, priv);
};
/** BYOK: the material becomes a sensitive, non-extractable token object, like generated material. */
export const importSecretKey = (p11, s, spec, label, id, material) => {
    p11.C_CreateObject(s, [...secretKeyTemplate(spec, label, id), { type: pkcs11js.CKA_VALUE, value: material }]);
};
export const findObjects = (p11, s, template) => {
    p11.C_FindObjectsInit(s, template);
    try {
        return p11.C_FindObjects(s, 64);
    }
    finally {
        p11.C_FindObjectsFinal(s); // FindObjectsInit twice without Final → CKR_OPERATION_ACTIVE (pitfall 5)
    }
};
export const findByLabel = (p11, s, label, objectClass) => findObjects(p11, s, [{ type: pkcs11js.CKA_CLASS, value: objectClass }, { type: pkcs11js.CKA_LABEL, value: label }]);
/** The key ids named by the labels of every token object of ours (private objects: the session is logged in). */
export const keyIdsOnToken = (p11, s) => {
    const ids = new Set();
    p11.C_FindObjectsInit(s, [{ type: pkcs11js.CKA_TOKEN, value: true }]);
    try {
        for (let page = p11.C_FindObjects(s, 256); page.length > 0; page = p11.C_FindObjects(s, 256)) {
            for (const h of page) {
                const [label] = p11.C_GetAttributeValue(s, h, [{ type: pkcs11js.CKA_LABEL }]);
                const m = /^keyledger:([^:]+):/.exec(label?.value instanceof Buffer ? label.value.toString('utf8') : '');
                if (m)
                    ids.add(m[1]);
            }
        }
    }
    finally {
        p11.C_FindObjectsFinal(s);
    }
    return [...ids];
};
/** Destroys every object with this CKA_ID; answers how many. */
export const destroyById = (p11, s, id) => {
    let destroyed = 0;
    for (;;) {
        const found = findObjects(p11, s, [{ type: pkcs11js.CKA_ID, value: id }]);
        if (found.length === 0)
            return destroyed;
        for (const h of found) {
            p11.C_DestroyObject(s, h);
            destroyed++;
        }
    }
};
