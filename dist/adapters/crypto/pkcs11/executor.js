import { constants, publicEncrypt, randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import pkcs11js from 'pkcs11js';
import { internalFailure, invalidParameter, unsupportedOperation } from "../../../domain/errors.js";
import { invalidCiphertext, invalidKeyMaterial } from "../../../domain/crypto-errors.js";
import { isCkr, tokenFailure } from "./errors.js";
import * as M from "./mechanisms.js";
import { acquireModule, releaseModule } from "./module-registry.js";
import { RSA_BITS, destroyById, findByLabel, keyIdsOnToken, generateOnToken, generatedId, importSecretKey, importedId, isAes, isSecret, SECRET_BYTES, isRsa, isTokenSpec, versionLabel, } from "./objects.js";
import { readPublicKey, spkiPem } from "./public-key.js";
import { SessionPool } from "./session-pool.js";
import { findSlotByLabel } from "./slot.js";
import { serializeTokenWrite } from "./token-writes.js";
/** A refusal decided inside a session callback; carried out of the pool as a value, never shown as a crash. */
class Refusal extends Error {
    error;
    constructor(error) {
        super(error.message);
        this.error = error;
    }
}
const DEFAULT_MAX_SESSIONS = 8;
/**
 * CryptoExecutor on a PKCS#11 token (docs/architecture.md §5), tested against SoftHSMv2 2.6.1. Material is generated on the
 * token (sensitive, non-extractable) and found by label `keyledger:<keyId>:<versionId>`; only public keys leave.
 * What the token cannot do is refused with Rejected.UnsupportedOperation (SM2, SM4) or built so the private
 * operation stays on the token (RSAES-OAEP-SHA256: raw RSA on the token, OAEP decoding here).
 */
export class Pkcs11Executor {
    p11;
    pool;
    modulePath;
    handles = new Map();
    publicKeys = new Map();
    generating = new Map();
    closed = false;
    constructor(p11, pool, modulePath) {
        this.p11 = p11;
        this.pool = pool;
        this.modulePath = modulePath;
    }
    /** Loads the module (shared per process), finds the token by label and logs in. */
    static open(config) {
        let p11;
        try {
            p11 = acquireModule(config.modulePath);
        }
        catch (e) {
            return E.left(tokenFailure(`loading the PKCS#11 module ${config.modulePath}`, e));
        }
        let pool;
        try {
            const slot = findSlotByLabel(p11, config.tokenLabel);
            if (E.isLeft(slot)) {
                releaseModule(config.modulePath);
                return slot;
            }
            pool = new SessionPool(p11, slot.right, config.pin, config.maxSessions ?? DEFAULT_MAX_SESSIONS);
            pool.start();
            return E.right(new Pkcs11Executor(p11, pool, config.modulePath));
        }
        catch (e) {
            pool?.close();
            releaseModule(config.modulePath);
            return E.left(tokenFailure(`opening token "${config.tokenLabel}"`, e));
        }
    }
    async generate(ref) {
        const spec = ref.spec;
        if (!isTokenSpec(spec))
            return E.left(noMechanism(spec));
        const label = versionLabel(ref.keyId, ref.versionId);
        // Labels are not unique on a token (platform notes §1.4 pitfall 11): concurrent calls for one version share
        // one find-then-generate, so retries never make a second object.
        const running = this.generating.get(label);
        if (running)
            return running;
        const work = serializeTokenWrite(() => this.session(`generating ${spec} material`, async (s) => {
            if (findByLabel(this.p11, s, label, privateClass(spec)).length > 0)
                return;
            await generateOnToken(this.p11, s, spec, label, generatedId(ref.keyId));
        })).finally(() => this.generating.delete(label));
        this.generating.set(label, work);
        return work;
    }
    async importMaterial(ref, material) {
        const spec = ref.spec;
        if (!isTokenSpec(spec) || !isSecret(spec))
            return E.left(unsupportedOperation(`Key material can be imported into the hardware instance only for AES and HMAC keys, not ${spec}.`));
        if (material.length !== SECRET_BYTES[spec])
            return E.left(badKeyMaterial(spec));
        const label = versionLabel(ref.keyId, ref.versionId);
        // A second import of the same version is a retry: the crypto service refuses material other than the key's
        // first (API reference §5.11) before it reaches any executor.
        return serializeTokenWrite(() => this.session('importing key material', (s) => {
            if (findByLabel(this.p11, s, label, pkcs11js.CKO_SECRET_KEY).length > 0)
                return;
            importSecretKey(this.p11, s, spec, label, importedId(ref.keyId), material);
        }));
    }
    async destroy(keyId) {
        this.forget(keyId);
        return serializeTokenWrite(() => this.session('destroying key material', (s) => {
            destroyById(this.p11, s, generatedId(keyId));
            destroyById(this.p11, s, importedId(keyId));
        }));
    }
    async destroyImported(keyId) {
        this.forget(keyId);
        return serializeTokenWrite(() => this.session('destroying imported key material', (s) => void destroyById(this.p11, s, importedId(keyId))));
    }
    /** Every object whose label is ours (`keyledger:<keyId>:<versionId>`): Cryptoki cannot search by prefix. */
    async heldKeyIds() {
        return this.session('listing key material', (s) => keyIdsOnToken(this.p11, s));
    }
    async encrypt(ref, plaintext, aad) {
        const spec = aesSpec(ref);
        if (E.isLeft(spec))
            return spec;
        const iv = randomBytes(M.GCM_IV_BYTES);
        return this.session('encrypting', (s) => ({ iv, ...M.gcmEncrypt(this.p11, s, this.key(s, ref, pkcs11js.CKO_SECRET_KEY), iv, plaintext, aad) }));
    }
    async decrypt(ref, sealed, aad) {
        const spec = aesSpec(ref);
        if (E.isLeft(spec))
            return spec;
        if (sealed.iv.length !== M.GCM_IV_BYTES || sealed.tag.length !== M.GCM_TAG_BYTES)
            return E.left(invalidCiphertext());
        return this.session('decrypting', (s) => orInvalidCiphertext(M.gcmDecrypt(this.p11, s, this.key(s, ref, pkcs11js.CKO_SECRET_KEY), sealed.iv, sealed.ciphertext, sealed.tag, aad)));
    }
    async asymmetricEncrypt(ref, algorithm, plaintext) {
        const spec = rsaSpec(ref, algorithm);
        if (E.isLeft(spec))
            return spec;
        const k = RSA_BITS[spec.right] / 8;
        if (plaintext.length > k - 2 * (algorithm === 'RSAES_OAEP_SHA_1' ? 20 : 32) - 2)
            return E.left(invalidParameter('Plaintext', `RSAES-OAEP with ${spec.right} takes at most ${k - 2 * (algorithm === 'RSAES_OAEP_SHA_1' ? 20 : 32) - 2} bytes.`));
        if (algorithm === 'RSAES_OAEP_SHA_1')
            return this.session('encrypting', (s) => M.oaepSha1Encrypt(this.p11, s, this.key(s, ref, pkcs11js.CKO_PUBLIC_KEY), k, plaintext));
        // OAEP-SHA256 is a public-key operation: done with the token's public key here, since SoftHSM 2.6.1 has no
        // OAEP-SHA256 mechanism (platform notes §1.3).
        const pub = await this.publicKey(ref, spec.right);
        if (E.isLeft(pub))
            return pub;
        return E.right(publicEncrypt({ key: pub.right, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, plaintext));
    }
    async asymmetricDecrypt(ref, algorithm, ciphertext) {
        const spec = rsaSpec(ref, algorithm);
        if (E.isLeft(spec))
            return spec;
        const k = RSA_BITS[spec.right] / 8;
        const decrypt = algorithm === 'RSAES_OAEP_SHA_1' ? M.oaepSha1Decrypt : M.oaepSha256Decrypt;
        return this.session('decrypting', async (s) => orInvalidCiphertext(await decrypt(this.p11, s, this.key(s, ref, pkcs11js.CKO_PRIVATE_KEY), k, ciphertext)));
    }
    async sign(ref, algorithm, digest) {
        const checked = signingSpec(ref, algorithm, digest);
        if (E.isLeft(checked))
            return checked;
        const spec = checked.right;
        if (isRsa(spec))
            return this.session('signing', (s) => M.rsaSign(this.p11, s, this.key(s, ref, pkcs11js.CKO_PRIVATE_KEY), RSA_BITS[spec] / 8, algorithm, digest));
        return this.session('signing', (s) => M.ecdsaSignDer(this.p11, s, this.key(s, ref, pkcs11js.CKO_PRIVATE_KEY), digest));
    }
    async verify(ref, algorithm, digest, signature) {
        const checked = signingSpec(ref, algorithm, digest);
        if (E.isLeft(checked))
            return checked;
        if (isRsa(checked.right))
            return this.session('verifying', (s) => M.rsaVerify(this.p11, s, this.key(s, ref, pkcs11js.CKO_PUBLIC_KEY), algorithm, digest, signature));
        return this.session('verifying', (s) => M.ecdsaVerifyDer(this.p11, s, this.key(s, ref, pkcs11js.CKO_PUBLIC_KEY), 32, digest, signature));
    }
    /** HMAC-SHA256 on the token (CKM_SHA256_HMAC over the generic secret); the secret never leaves it. */
    async mac(ref, message) {
        if (ref.spec !== 'HMAC_SHA256')
            return E.left(unsupportedOperation(`${ref.spec} is not an HMAC key.`));
        return this.session('making a MAC', (s) => {
            this.p11.C_SignInit(s, { mechanism: pkcs11js.CKM_SHA256_HMAC }, this.key(s, ref, pkcs11js.CKO_SECRET_KEY));
            // An empty message goes straight to C_SignFinal: SoftHSM answers C_Sign with no data CKR_ARGUMENTS_BAD.
            return message.length === 0 ? this.p11.C_SignFinal(s, Buffer.alloc(32)) : this.p11.C_Sign(s, message, Buffer.alloc(32));
        });
    }
    async publicKeyPem(ref) {
        const spec = ref.spec;
        if (!isTokenSpec(spec))
            return E.left(noMechanism(spec));
        if (isSecret(spec))
            return E.left(unsupportedOperation('A symmetric key has no public key.'));
        const pub = await this.publicKey(ref, spec);
        return E.map(spkiPem)(pub);
    }
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        await Promise.allSettled([...this.generating.values()]);
        this.pool.close();
        releaseModule(this.modulePath);
    }
    /** Sessions lent by the pool, with one retry after a lost login or stale handles (pitfalls 3–4). */
    async session(doing, op) {
        if (this.closed)
            return E.left(internalFailure('The hardware security module connection is closed.'));
        for (let attempt = 0;; attempt++) {
            try {
                return E.right(await this.pool.use(op));
            }
            catch (e) {
                if (e instanceof Refusal)
                    return E.left(e.error);
                const recoverable = isCkr(e, pkcs11js.CKR_USER_NOT_LOGGED_IN, pkcs11js.CKR_OBJECT_HANDLE_INVALID, pkcs11js.CKR_KEY_HANDLE_INVALID, pkcs11js.CKR_SESSION_HANDLE_INVALID, pkcs11js.CKR_SESSION_CLOSED);
                if (attempt > 0 || !recoverable)
                    return E.left(tokenFailure(doing, e));
                try {
                    this.pool.ensureLoggedIn();
                }
                catch (again) {
                    return E.left(tokenFailure('logging in again', again));
                }
                this.handles.clear();
            }
        }
    }
    /** Finds a version's object once per login; a handle found before a re-login is invalid after it. */
    key(s, ref, objectClass) {
        const label = versionLabel(ref.keyId, ref.versionId);
        const cacheKey = `${objectClass}/${label}`;
        const cached = this.handles.get(cacheKey);
        if (cached && cached.generation === this.pool.generation)
            return cached.handle;
        const found = findByLabel(this.p11, s, label, objectClass);
        const [handle] = found;
        // While logged out, FindObjects does not see private objects at all (pitfall 4): that is not missing material.
        if (!handle && !this.pool.isLoggedIn())
            throw notLoggedIn();
        if (!handle)
            throw new Refusal(internalFailure(`The key material of version ${ref.versionId} of key ${ref.keyId} is not on the token.`));
        if (found.length > 1)
            throw new Refusal(internalFailure(`The token holds ${found.length} objects for version ${ref.versionId} of key ${ref.keyId}; refusing to guess.`));
        this.handles.set(cacheKey, { generation: this.pool.generation, handle });
        return handle;
    }
    async publicKey(ref, spec) {
        const label = versionLabel(ref.keyId, ref.versionId);
        const cached = this.publicKeys.get(label);
        if (cached)
            return E.right(cached);
        const read = await this.session('reading a public key', (s) => readPublicKey(this.p11, s, this.key(s, ref, pkcs11js.CKO_PUBLIC_KEY), spec));
        if (E.isRight(read))
            this.publicKeys.set(label, read.right);
        return read;
    }
    forget(keyId) {
        const prefix = versionLabel(keyId, '');
        for (const k of this.handles.keys())
            if (k.slice(k.indexOf('/') + 1).startsWith(prefix))
                this.handles.delete(k);
        for (const k of this.publicKeys.keys())
            if (k.startsWith(prefix))
                this.publicKeys.delete(k);
    }
}
const notLoggedIn = () => Object.assign(new Error('CKR_USER_NOT_LOGGED_IN'), { code: pkcs11js.CKR_USER_NOT_LOGGED_IN });
const privateClass = (spec) => (isSecret(spec) ? pkcs11js.CKO_SECRET_KEY : pkcs11js.CKO_PRIVATE_KEY);
const noMechanism = (spec) => unsupportedOperation(`The hardware instance's PKCS#11 token has no mechanism for ${spec} (no SM2/SM4 on SoftHSM 2.6.1).`);
const badKeyMaterial = (spec) => invalidKeyMaterial(`The key material of a ${spec} key is ${SECRET_BYTES[spec]} bytes.`);
const orInvalidCiphertext = (plaintext) => {
    if (plaintext === null)
        throw new Refusal(invalidCiphertext());
    return plaintext;
};
const aesSpec = (ref) => {
    const spec = ref.spec;
    if (!isTokenSpec(spec))
        return E.left(noMechanism(spec));
    return isAes(spec) ? E.right(spec) : E.left(unsupportedOperation(`A ${spec} key does not encrypt symmetrically.`));
};
const rsaSpec = (ref, algorithm) => {
    if (algorithm === 'SM2PKE' || !isTokenSpec(ref.spec))
        return E.left(noMechanism(algorithm === 'SM2PKE' ? 'SM2PKE' : ref.spec));
    return isRsa(ref.spec) ? E.right(ref.spec) : E.left(invalidParameter('Algorithm', `${algorithm} needs an RSA key, not ${ref.spec}.`));
};
const signingSpec = (ref, algorithm, digest) => {
    if (algorithm === 'SM2DSA' || !isTokenSpec(ref.spec))
        return E.left(noMechanism(algorithm === 'SM2DSA' ? 'SM2DSA' : ref.spec));
    const spec = ref.spec;
    const fits = algorithm === 'ECDSA_SHA_256' ? spec === 'EC_P256' || spec === 'EC_P256K' : isRsa(spec);
    if (!fits)
        return E.left(invalidParameter('Algorithm', `${algorithm} does not apply to a ${spec} key.`));
    if (digest.length !== 32)
        return E.left(invalidParameter('Digest', 'A SHA-256 digest is 32 bytes.'));
    return E.right(spec);
};
