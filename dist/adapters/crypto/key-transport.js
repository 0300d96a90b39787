import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { internalFailure, invalidParameter } from "../../domain/errors.js";
import { expiredImportToken, importedMaterialRefused, invalidImportToken } from "../../domain/crypto-errors.js";
import { oaepDecrypt, oaepEncrypt, oaepMaxPlaintext, pkcs1v15Decrypt } from "./software/rsa.js";
import { generateRsaDer } from "./software/material.js";
import { sm2Encrypt, sm2PointFromSpki } from "./software/sm2.js";
const pemBody = (blob) => {
    const text = blob.toString('latin1');
    const m = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/.exec(text);
    return m ? Buffer.from(m[1].replace(/\s+/g, ''), 'base64') : undefined;
};
/**
 * The RSA key of a DER SubjectPublicKeyInfo (or its PEM), which must be the whole input: OpenSSL's parser stops at
 * the end of the outer SEQUENCE and ignores what follows, so the key is re-encoded and compared byte for byte
 * (a DER encoding is unique) — trailing or non-canonical bytes are refused (issue 20, finding 5).
 */
const rsaPublicKey = (blob) => {
    const der = pemBody(blob) ?? blob;
    try {
        const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
        return key.export({ type: 'spki', format: 'der' }).equals(der) ? key : undefined;
    }
    catch {
        return undefined;
    }
};
/**
 * Data keys and BYOK wrapping for software instances (API reference §5.9, §5.11). Import wrapping keys are
 * RSA_2048, made per GetParametersForImport call, kept wrapped in the vault with their token, bound to the key
 * and valid 24 h. Tokens are 192 random bits: a bearer capability for one key's import.
 */
export class SoftwareKeyTransport {
    vault;
    constructor(vault) {
        this.vault = vault;
    }
    randomDataKey(bytes) {
        return randomBytes(bytes);
    }
    wrapForExport(publicKeyBlob, spec, algorithm, dataKey) {
        if (spec === 'EC_SM2') {
            if (algorithm !== 'SM2PKE')
                return E.left(invalidParameter('WrappingAlgorithm', 'EC_SM2 wraps with SM2PKE.'));
            const point = sm2PointFromSpki(pemBody(publicKeyBlob) ?? publicKeyBlob);
            if (!point)
                return E.left(invalidParameter('PublicKeyBlob', 'it must be an SM2 public key (DER SubjectPublicKeyInfo).'));
            return E.right(sm2Encrypt(point, dataKey));
        }
        if (algorithm !== 'RSAES_OAEP_SHA_256' && algorithm !== 'RSAES_OAEP_SHA_1')
            return E.left(invalidParameter('WrappingAlgorithm', 'RSA_2048 wraps with RSAES_OAEP_SHA_256 or RSAES_OAEP_SHA_1.'));
        const key = rsaPublicKey(publicKeyBlob);
        if (!key || key.asymmetricKeyType !== 'rsa' || key.asymmetricKeyDetails?.modulusLength !== 2048)
            return E.left(invalidParameter('PublicKeyBlob', 'it must be an RSA 2048-bit public key (DER SubjectPublicKeyInfo).'));
        const hash = algorithm === 'RSAES_OAEP_SHA_256' ? 'sha256' : 'sha1';
        if (dataKey.length > oaepMaxPlaintext(key, hash))
            return E.left(invalidParameter('NumberOfBytes', `${algorithm} wraps at most ${oaepMaxPlaintext(key, hash)} bytes.`));
        return E.right(oaepEncrypt(key, hash, dataKey));
    }
    async newImportParameters(keyId, algorithm, expiresAt) {
        await this.vault.deleteExpiredImportTokens(new Date(expiresAt.getTime() - 24 * 3600_000));
        // Straight into DER (see generateRsaDer: exporting a generated KeyObject can deadlock Node 20).
        const { privateKey, publicKey } = await generateRsaDer(2048);
        const importToken = randomBytes(24).toString('base64url');
        await this.vault.putImportToken({
            tokenId: importToken, keyId, algorithm, expiresAt: expiresAt.toISOString(),
            privateKeyPkcs8: privateKey,
        });
        return E.right({ importToken, publicKey, expiresAt });
    }
    async unwrapImport(keyId, importToken, encryptedMaterial, now, expectedBytes) {
        const row = await this.vault.getImportToken(keyId, importToken);
        if (E.isLeft(row))
            return row;
        const t = row.right;
        if (!t || t.keyId !== keyId)
            return E.left(invalidImportToken('The import token is unknown, spent, or was issued for another key.'));
        if (now.getTime() >= Date.parse(t.expiresAt))
            return E.left(expiredImportToken());
        const key = createPrivateKey({ key: t.privateKeyPkcs8, format: 'der', type: 'pkcs8' });
        t.privateKeyPkcs8.fill(0);
        const material = t.algorithm === 'RSAES_OAEP_SHA_256' ? oaepDecrypt(key, 'sha256', encryptedMaterial)
            : t.algorithm === 'RSAES_OAEP_SHA_1' ? oaepDecrypt(key, 'sha1', encryptedMaterial)
                : pkcs1v15Decrypt(key, encryptedMaterial, expectedBytes);
        // One answer for every failure (and, for PKCS#1 v1.5, no failure at all on bad padding): no oracle.
        return material ? E.right(material) : E.left(importedMaterialRefused());
    }
    async matchesPreviousImport(keyId, material) {
        return E.right(await this.vault.matchesImportedFingerprint(keyId, material));
    }
    /** A vault that fails here (a shared vault's database unreachable) is a Left: the import is stored already. */
    async importCommitted(keyId, importToken, material) {
        try {
            await this.vault.recordImportedFingerprint(keyId, material);
            await this.vault.deleteImportToken(keyId, importToken);
            return E.right(undefined);
        }
        catch (e) {
            return E.left(internalFailure(`The vault could not record the import of ${keyId}: ${e instanceof Error ? e.message : String(e)}`));
        }
    }
}
