import { createPrivateKey, createPublicKey, generateKeyPair, generateKeyPairSync, randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { invalidKeyMaterial } from "../../../domain/crypto-errors.js";
import { ecdsaKeyPairOf } from "./ecdsa.js";
import { sm2KeysFromPkcs8 } from "./sm2.js";
import { sm4Keys } from "./symmetric.js";
const SYMMETRIC_BYTES = { Aliyun_AES_256: 32, Aliyun_AES_192: 24, Aliyun_AES_128: 16, Aliyun_SM4: 16, HMAC_SHA256: 32 };
const RSA_BITS = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };
const EC_CURVES = { EC_P256: 'prime256v1', EC_P256K: 'secp256k1' };
export const symmetricKeyBytes = (spec) => SYMMETRIC_BYTES[spec];
/**
 * Keys are generated straight into DER. Never export a KeyObject that `generateKeyPair(Sync)` returned: on
 * Node 20 its export holds the key's mutex while allocating, and a garbage collection that then frees the
 * generation job locks the same mutex: the process deadlocks (seen here, stack in KeyGenJob::~KeyGenJob).
 */
export const generateRsaDer = (modulusLength) => new Promise((resolve, reject) => generateKeyPair('rsa', {
    modulusLength, publicExponent: 0x10001,
    publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' },
}, (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey }))));
const generateEcDer = (namedCurve) => generateKeyPairSync('ec', {
    namedCurve, publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' },
}).privateKey;
/** Fresh material for a spec, as the vault stores it. */
export const generateMaterial = async (spec) => {
    const bytes = SYMMETRIC_BYTES[spec];
    if (bytes !== undefined)
        return { kind: 'raw', material: randomBytes(bytes) };
    const bits = RSA_BITS[spec];
    if (bits !== undefined) {
        return { kind: 'pkcs8', material: (await generateRsaDer(bits)).privateKey };
    }
    const namedCurve = spec === 'EC_SM2' ? 'SM2' : EC_CURVES[spec];
    // For SM2 this is OpenSSL's generator (a CSPRNG); signing and encryption are adapters/crypto/software/sm2.ts.
    return { kind: 'pkcs8', material: generateEcDer(namedCurve) };
};
/** Parses stored or imported material and checks it fits the spec. */
export const loadMaterial = (spec, kind, material) => {
    const bytes = SYMMETRIC_BYTES[spec];
    if (bytes !== undefined) {
        if (kind !== 'raw' || material.length !== bytes)
            return E.left(invalidKeyMaterial(`${spec} takes ${bytes * 8}-bit key material.`));
        if (spec === 'HMAC_SHA256')
            return E.right({ type: 'hmac', key: Buffer.from(material) });
        return E.right(spec === 'Aliyun_SM4' ? { type: 'sm4', keys: sm4Keys(material) } : { type: 'aes', key: Buffer.from(material) });
    }
    if (kind !== 'pkcs8')
        return E.left(invalidKeyMaterial(`${spec} takes a PKCS#8 private key.`));
    if (spec === 'EC_SM2') {
        const keys = sm2KeysFromPkcs8(material);
        return keys ? E.right({ type: 'sm2', keys }) : E.left(invalidKeyMaterial('EC_SM2 takes a PKCS#8 SM2 private key.'));
    }
    let privateKey;
    try {
        privateKey = createPrivateKey({ key: material, format: 'der', type: 'pkcs8' });
    }
    catch {
        return E.left(invalidKeyMaterial(`${spec} takes a PKCS#8 private key.`));
    }
    const publicKey = createPublicKey(privateKey);
    const details = privateKey.asymmetricKeyDetails;
    const bits = RSA_BITS[spec];
    if (bits !== undefined) {
        if (privateKey.asymmetricKeyType !== 'rsa' || details?.modulusLength !== bits)
            return E.left(invalidKeyMaterial(`${spec} takes a ${bits}-bit RSA key.`));
        return E.right({ type: 'rsa', privateKey, publicKey });
    }
    const curve = EC_CURVES[spec];
    if (privateKey.asymmetricKeyType !== 'ec' || details?.namedCurve !== curve)
        return E.left(invalidKeyMaterial(`${spec} takes a ${curve} key.`));
    return E.right({ type: 'ec', ecdsa: ecdsaKeyPairOf(curve, privateKey), publicKey });
};
