import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter, unsupportedOperation } from "../../../domain/errors.js";
import { cryptoCall } from "../../../application/crypto/call.js";
import { resolveCaller } from "../../../application/crypto/call.js";
import { decodeEncryptionContext } from "../../../domain/values/encryption-context.js";
import { optionalEnum, requiredString } from "../wire/fields.js";
import { DataKeySpec } from "../../../application/crypto/data-key.js";
import { encryptionContext as wireContext } from "../wire/structured.js";
import { done, fields } from "./action.js";
// The data-plane actions (API reference §1.3 "Symmetric crypto / data keys", "Asymmetric crypto", "BYOK
// import"): wire parameters decoded here (Base64, numbers, EncryptionContext in both wire forms), the work done
// by the CryptoService, which authorizes each key it resolves through the request's `keyAuthorizer()` and records
// every call on the key as ActionInvoked (a refusal as `denied`, once) before it answers. Bytes go back
// Base64; AsymmetricVerify's Value is a JSON boolean. CreateKeyVersion lives with the version actions: it goes
// through the key service, whose material hook (the crypto router) makes the new version's material.
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** A required Base64 parameter. Only canonical Base64 passes: Node's decoder would silently skip junk. */
const base64 = (p, name) => {
    const text = requiredString(p, name);
    if (E.isLeft(text))
        return text;
    return CANONICAL_BASE64.test(text.right) ? E.right(Buffer.from(text.right, 'base64')) : E.left(invalidParameter(name, 'The value is not valid Base64.'));
};
/** An optional whole number (NumberOfBytes, KeyMaterialExpireUnix); its range is the service's to check. */
const optionalInteger = (p, name) => {
    const v = p.get(name);
    if (v === undefined || v === '')
        return E.right(undefined);
    return /^[0-9]{1,12}$/.test(v) ? E.right(Number(v)) : E.left(invalidParameter(name, 'Use a whole number.'));
};
/** EncryptionContext in either wire form (JSON text or `Name.k=v`), then checked as the domain's value. */
const encryptionContext = (p, name = 'EncryptionContext') => E.chain((c) => c === undefined ? E.right(undefined) : decodeEncryptionContext(c, name))(wireContext(p, name));
const b64 = (b) => b.toString('base64');
/**
 * Who calls: the account and region for `alias/…` lookups, the command context, the caller's labels, and the
 * request's authorization, which the service asks on every key it resolves (the ciphertext's key for Decrypt).
 */
const callOf = (ctx, s, context) => cryptoCall(ctx.access, ctx.command, { accountId: ctx.caller.accountId, region: s.deployment.region }, resolveCaller(ctx.callerHeaders, context));
const withContext = (r, k) => E.isLeft(r) ? Promise.resolve(r) : k(r.right);
const encrypt = async (ctx, s) => {
    const f = fields({ keyId: requiredString(ctx.params, 'KeyId'), plaintext: base64(ctx.params, 'Plaintext'), context: encryptionContext(ctx.params) });
    return withContext(f, async (v) => {
        const r = await s.crypto.encrypt(callOf(ctx, s, v.context), { keyId: v.keyId, plaintext: v.plaintext, ...(v.context ? { encryptionContext: v.context } : {}) });
        v.plaintext.fill(0);
        return E.map((o) => ({ CiphertextBlob: o.ciphertextBlob, KeyId: o.keyId, KeyVersionId: o.keyVersionId }))(r);
    });
};
const decrypt = async (ctx, s) => {
    const f = fields({ blob: requiredString(ctx.params, 'CiphertextBlob'), context: encryptionContext(ctx.params) });
    return withContext(f, async (v) => {
        const r = await s.crypto.decrypt(callOf(ctx, s, v.context), { ciphertextBlob: v.blob, ...(v.context ? { encryptionContext: v.context } : {}) });
        return E.map((o) => {
            const out = { KeyId: o.keyId, KeyVersionId: o.keyVersionId, Plaintext: b64(o.plaintext) };
            o.plaintext.fill(0);
            return out;
        })(r);
    });
};
/** From a symmetric ciphertext only: an asymmetric source (SourceEncryptionAlgorithm) is not offered. */
const reEncrypt = async (ctx, s) => {
    const p = ctx.params;
    if (p.get('SourceEncryptionAlgorithm'))
        return E.left(unsupportedOperation('ReEncrypt takes symmetric ciphertext only; decrypt asymmetric ciphertext with AsymmetricDecrypt.'));
    const f = fields({
        blob: requiredString(p, 'CiphertextBlob'), destination: requiredString(p, 'DestinationKeyId'),
        source: encryptionContext(p, 'SourceEncryptionContext'), target: encryptionContext(p, 'DestinationEncryptionContext'),
    });
    return withContext(f, async (v) => {
        const r = await s.crypto.reEncrypt(callOf(ctx, s, v.target ?? v.source), {
            ciphertextBlob: v.blob, destinationKeyId: v.destination,
            ...(v.source ? { sourceEncryptionContext: v.source } : {}), ...(v.target ? { destinationEncryptionContext: v.target } : {}),
        });
        return E.map((o) => ({ CiphertextBlob: o.ciphertextBlob, KeyId: o.keyId, KeyVersionId: o.keyVersionId }))(r);
    });
};
const dataKeyRequest = (p) => fields({
    keyId: requiredString(p, 'KeyId'), keySpec: optionalEnum(p, 'KeySpec', DataKeySpec, undefined),
    numberOfBytes: optionalInteger(p, 'NumberOfBytes'), context: encryptionContext(p),
});
const dataKeyInput = (v) => ({
    keyId: v.keyId,
    ...(v.keySpec ? { keySpec: v.keySpec } : {}),
    ...(v.numberOfBytes !== undefined ? { numberOfBytes: v.numberOfBytes } : {}),
    ...(v.context ? { encryptionContext: v.context } : {}),
});
const generateDataKey = async (ctx, s) => withContext(dataKeyRequest(ctx.params), async (v) => {
    const r = await s.crypto.generateDataKey(callOf(ctx, s, v.context), dataKeyInput(v));
    return E.map((o) => {
        const out = { CiphertextBlob: o.ciphertextBlob, KeyId: o.keyId, KeyVersionId: o.keyVersionId, Plaintext: b64(o.plaintext) };
        o.plaintext.fill(0);
        return out;
    })(r);
});
const generateDataKeyWithoutPlaintext = async (ctx, s) => withContext(dataKeyRequest(ctx.params), async (v) => {
    const r = await s.crypto.generateDataKeyWithoutPlaintext(callOf(ctx, s, v.context), dataKeyInput(v));
    return E.map((o) => ({ CiphertextBlob: o.ciphertextBlob, KeyId: o.keyId, KeyVersionId: o.keyVersionId }))(r);
});
const exportTarget = (p) => fields({
    publicKeyBlob: base64(p, 'PublicKeyBlob'),
    wrappingKeySpec: requiredString(p, 'WrappingKeySpec'),
    wrappingAlgorithm: requiredString(p, 'WrappingAlgorithm'),
});
const generateAndExportDataKey = async (ctx, s) => {
    const f = fields({ request: dataKeyRequest(ctx.params), target: exportTarget(ctx.params) });
    return withContext(f, async ({ request, target }) => {
        const r = await s.crypto.generateAndExportDataKey(callOf(ctx, s, request.context), { ...dataKeyInput(request), ...target });
        return E.map((o) => ({ CiphertextBlob: o.ciphertextBlob, ExportedDataKey: b64(o.exportedDataKey), KeyId: o.keyId, KeyVersionId: o.keyVersionId }))(r);
    });
};
const exportDataKey = async (ctx, s) => {
    const f = fields({ blob: requiredString(ctx.params, 'CiphertextBlob'), context: encryptionContext(ctx.params), target: exportTarget(ctx.params) });
    return withContext(f, async (v) => {
        const r = await s.crypto.exportDataKey(callOf(ctx, s, v.context), {
            ciphertextBlob: v.blob, ...(v.context ? { encryptionContext: v.context } : {}), ...v.target,
        });
        return E.map((o) => ({ ExportedDataKey: b64(o.exportedDataKey), KeyId: o.keyId, KeyVersionId: o.keyVersionId }))(r);
    });
};
/** KeyId, KeyVersionId and Algorithm: every asymmetric call names all three (API reference §5.4, §5.7). */
const asymmetricTarget = (p) => fields({
    keyId: requiredString(p, 'KeyId'), keyVersionId: requiredString(p, 'KeyVersionId'), algorithm: requiredString(p, 'Algorithm'),
});
const versionAnswer = (o) => ({ KeyId: o.keyId, KeyVersionId: o.keyVersionId });
const asymmetricEncrypt = async (ctx, s) => {
    const f = fields({ target: asymmetricTarget(ctx.params), plaintext: base64(ctx.params, 'Plaintext') });
    return withContext(f, async ({ target, plaintext }) => {
        const r = await s.crypto.asymmetricEncrypt(callOf(ctx, s), { ...target, plaintext });
        plaintext.fill(0);
        return E.map((o) => ({ CiphertextBlob: b64(o.ciphertextBlob), ...versionAnswer(o) }))(r);
    });
};
const asymmetricDecrypt = async (ctx, s) => {
    const f = fields({ target: asymmetricTarget(ctx.params), ciphertext: base64(ctx.params, 'CiphertextBlob') });
    return withContext(f, async ({ target, ciphertext }) => {
        const r = await s.crypto.asymmetricDecrypt(callOf(ctx, s), { ...target, ciphertextBlob: ciphertext });
        return E.map((o) => {
            const out = { ...versionAnswer(o), Plaintext: b64(o.plaintext) };
            o.plaintext.fill(0);
            return out;
        })(r);
    });
};
const asymmetricSign = async (ctx, s) => {
    const f = fields({ target: asymmetricTarget(ctx.params), digest: base64(ctx.params, 'Digest') });
    return withContext(f, async ({ target, digest }) => {
        const r = await s.crypto.asymmetricSign(callOf(ctx, s), { ...target, digest });
        return E.map((o) => ({ ...versionAnswer(o), Value: b64(o.value) }))(r);
    });
};
const asymmetricVerify = async (ctx, s) => {
    const f = fields({ target: asymmetricTarget(ctx.params), digest: base64(ctx.params, 'Digest'), value: base64(ctx.params, 'Value') });
    return withContext(f, async ({ target, digest, value }) => {
        const r = await s.crypto.asymmetricVerify(callOf(ctx, s), { ...target, digest, value });
        return E.map((o) => ({ ...versionAnswer(o), Value: o.value }))(r);
    });
};
const generateMac = async (ctx, s) => {
    const f = fields({ keyId: requiredString(ctx.params, 'KeyId'), algorithm: requiredString(ctx.params, 'Algorithm'), message: base64(ctx.params, 'Message') });
    return withContext(f, async (v) => {
        const r = await s.crypto.generateMac(callOf(ctx, s), v);
        return E.map((o) => ({ KeyId: o.keyId, Algorithm: o.algorithm, Mac: b64(o.mac) }))(r);
    });
};
const verifyMac = async (ctx, s) => {
    const f = fields({
        keyId: requiredString(ctx.params, 'KeyId'), algorithm: requiredString(ctx.params, 'Algorithm'),
        message: base64(ctx.params, 'Message'), mac: base64(ctx.params, 'Mac'),
    });
    return withContext(f, async (v) => {
        const r = await s.crypto.verifyMac(callOf(ctx, s), v);
        return E.map((o) => ({ KeyId: o.keyId, Algorithm: o.algorithm, Value: o.value }))(r);
    });
};
const getPublicKey = async (ctx, s) => {
    const f = fields({ keyId: requiredString(ctx.params, 'KeyId'), keyVersionId: requiredString(ctx.params, 'KeyVersionId') });
    return withContext(f, async (v) => {
        const r = await s.crypto.getPublicKey(callOf(ctx, s), v);
        return E.map((o) => ({ ...versionAnswer(o), PublicKey: o.publicKey }))(r);
    });
};
const getParametersForImport = async (ctx, s) => {
    const f = fields({
        keyId: requiredString(ctx.params, 'KeyId'),
        wrappingKeySpec: requiredString(ctx.params, 'WrappingKeySpec'),
        wrappingAlgorithm: requiredString(ctx.params, 'WrappingAlgorithm'),
    });
    return withContext(f, async (v) => {
        const r = await s.crypto.getParametersForImport(callOf(ctx, s), v);
        return E.map((o) => ({ ImportToken: o.importToken, KeyId: o.keyId, PublicKey: b64(o.publicKey), TokenExpireTime: o.tokenExpireTime }))(r);
    });
};
const importKeyMaterial = async (ctx, s) => {
    const f = fields({
        keyId: requiredString(ctx.params, 'KeyId'),
        material: base64(ctx.params, 'EncryptedKeyMaterial'),
        importToken: requiredString(ctx.params, 'ImportToken'),
        expire: optionalInteger(ctx.params, 'KeyMaterialExpireUnix'),
    });
    return withContext(f, async (v) => {
        const r = await s.crypto.importKeyMaterial(callOf(ctx, s), {
            keyId: v.keyId, encryptedKeyMaterial: v.material, importToken: v.importToken,
            ...(v.expire !== undefined ? { keyMaterialExpireUnix: v.expire } : {}),
        });
        return E.isLeft(r) ? r : done;
    });
};
const deleteKeyMaterial = async (ctx, s) => {
    const keyId = requiredString(ctx.params, 'KeyId');
    if (E.isLeft(keyId))
        return keyId;
    const r = await s.crypto.deleteKeyMaterial(callOf(ctx, s), { keyId: keyId.right });
    return E.isLeft(r) ? r : done;
};
export const cryptoActions = {
    Encrypt: encrypt,
    Decrypt: decrypt,
    ReEncrypt: reEncrypt,
    GenerateDataKey: generateDataKey,
    GenerateDataKeyWithoutPlaintext: generateDataKeyWithoutPlaintext,
    GenerateAndExportDataKey: generateAndExportDataKey,
    ExportDataKey: exportDataKey,
    AsymmetricEncrypt: asymmetricEncrypt,
    AsymmetricDecrypt: asymmetricDecrypt,
    AsymmetricSign: asymmetricSign,
    AsymmetricVerify: asymmetricVerify,
    GetPublicKey: getPublicKey,
    GenerateMac: generateMac,
    VerifyMac: verifyMac,
    GetParametersForImport: getParametersForImport,
    ImportKeyMaterial: importKeyMaterial,
    DeleteKeyMaterial: deleteKeyMaterial,
};
