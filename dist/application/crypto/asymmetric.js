import * as E from 'fp-ts/lib/Either.js';
import { checkEncryptionAlgorithm, checkSigningAlgorithm } from "./algorithms.js";
import { answer } from "./call.js";
/**
 * AsymmetricEncrypt/Decrypt/Sign/Verify and GetPublicKey (API reference §5.7): always on a named version
 * (asymmetric keys have no primary version); the algorithm is checked against the key and recorded.
 */
export class AsymmetricCrypto {
    opener;
    constructor(opener) {
        this.opener = opener;
    }
    encrypt(call, trail, input) {
        return this.run(call, trail, input, 'AsymmetricEncrypt', checkEncryptionAlgorithm, (x, ref, alg) => x.asymmetricEncrypt(ref, alg, input.plaintext), (ciphertextBlob) => ({ ciphertextBlob }));
    }
    decrypt(call, trail, input) {
        return this.run(call, trail, input, 'AsymmetricDecrypt', checkEncryptionAlgorithm, (x, ref, alg) => x.asymmetricDecrypt(ref, alg, input.ciphertextBlob), (plaintext) => ({ plaintext }));
    }
    /** `digest`: the message's SHA-256 (SM3(Z‖M) for SM2DSA), as the API takes it. Returns a DER/raw signature. */
    sign(call, trail, input) {
        return this.run(call, trail, input, 'AsymmetricSign', checkSigningAlgorithm, (x, ref, alg) => x.sign(ref, alg, input.digest), (value) => ({ value }));
    }
    verify(call, trail, input) {
        return this.run(call, trail, input, 'AsymmetricVerify', checkSigningAlgorithm, (x, ref, alg) => x.verify(ref, alg, input.digest, input.value), (value) => ({ value }));
    }
    /** The version's public key as SPKI PEM (S-9.1). */
    async publicKey(call, trail, input) {
        const target = await this.opener.openVersion(call, input, 'GetPublicKey', trail);
        if (E.isLeft(target))
            return target;
        const out = await this.opener.withExecutor(target.right.ref, (x) => x.publicKeyPem(target.right.ref));
        return E.map((publicKey) => ({ ...answer(target.right.ref), publicKey }))(out);
    }
    async run(call, trail, input, action, check, use, shape) {
        const target = await this.opener.openVersion(call, input, action, trail);
        if (E.isLeft(target))
            return target;
        const alg = check(target.right.state, input.algorithm);
        if (E.isLeft(alg))
            return alg;
        trail.useAlgorithm(alg.right);
        const { ref } = target.right;
        const out = await this.opener.withExecutor(ref, (x) => use(x, ref, alg.right));
        return E.map((r) => ({ ...answer(ref), ...shape(r) }))(out);
    }
}
