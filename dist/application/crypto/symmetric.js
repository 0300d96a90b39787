import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter } from "../../domain/errors.js";
import { invalidCiphertext } from "../../domain/crypto-errors.js";
import { canonicalEncryptionContext } from "../../domain/values/encryption-context.js";
import { requireSymmetric } from "./algorithms.js";
import { refOf } from "./call.js";
export const MAX_ENCRYPT_PLAINTEXT_BYTES = 6144; // API reference §5.8: Encrypt takes at most 6 KB
/** Encrypt, Decrypt, ReEncrypt (API reference §5.8) over ciphertext blobs; `seal`/`unseal` also serve data keys. */
export class SymmetricCrypto {
    opener;
    blobs;
    constructor(opener, blobs) {
        this.opener = opener;
        this.blobs = blobs;
    }
    async encrypt(call, trail, input) {
        const key = await this.opener.openKey(call, input.keyId, 'Encrypt', trail);
        if (E.isLeft(key))
            return key;
        if (input.plaintext.length > MAX_ENCRYPT_PLAINTEXT_BYTES)
            return E.left(invalidParameter('Plaintext', `Encrypt takes at most ${MAX_ENCRYPT_PLAINTEXT_BYTES} bytes; use a data key for more.`));
        return this.seal(key.right.state, key.right.setVersion, input.plaintext, input.encryptionContext);
    }
    async decrypt(call, trail, input) {
        const source = await this.opener.openBlob(call, input.ciphertextBlob, 'Decrypt', trail);
        return E.isLeft(source) ? source : this.unseal(source.right, input.encryptionContext);
    }
    /**
     * Source and destination are each authorized and recorded: kms:ReEncryptFrom on the key inside the ciphertext,
     * kms:ReEncryptTo on the destination (API reference §5.8). Both are decided before the source is opened, so a
     * refused destination never has the plaintext decrypted for nothing.
     */
    async reEncrypt(call, trail, input) {
        const source = await this.opener.openBlob(call, input.ciphertextBlob, 'ReEncrypt', trail, 'kms:ReEncryptFrom');
        if (E.isLeft(source))
            return source;
        const dest = await this.opener.openKey(call, input.destinationKeyId, 'ReEncrypt', trail, 'kms:ReEncryptTo');
        if (E.isLeft(dest))
            return dest;
        const opened = await this.unseal(source.right, input.sourceEncryptionContext);
        if (E.isLeft(opened))
            return opened;
        const plaintext = opened.right.plaintext;
        try {
            const sealed = await this.seal(dest.right.state, dest.right.setVersion, plaintext, input.destinationEncryptionContext);
            return E.map((s) => ({ ...s, sourceKeyId: opened.right.keyId, sourceKeyVersionId: opened.right.keyVersionId }))(sealed);
        }
        finally {
            plaintext.fill(0);
        }
    }
    /** Encrypts under the key's primary version into a ciphertext blob. */
    async seal(s, setVersion, plaintext, context) {
        const sym = requireSymmetric(s);
        if (E.isLeft(sym))
            return sym;
        const versionId = s.primaryVersionId;
        setVersion(versionId);
        const ref = refOf(s, versionId);
        const aad = this.blobs.aad(s.keyId, versionId, canonicalEncryptionContext(context ?? {}));
        const sealed = await this.opener.withExecutor(ref, (x) => x.encrypt(ref, plaintext, aad));
        if (E.isLeft(sealed))
            return sealed;
        return E.right({ keyId: s.keyId, keyVersionId: versionId, ciphertextBlob: this.blobs.encode({ keyId: s.keyId, versionId, sealed: sealed.right }) });
    }
    /** Decrypts a ciphertext blob with the version that made it (works after rotation, API reference §5.4). */
    async unseal(source, context) {
        const { state: s, blob: { keyId, versionId, sealed } } = source;
        const sym = requireSymmetric(s);
        if (E.isLeft(sym))
            return sym;
        if (!s.versions.some((v) => v.versionId === versionId))
            return E.left(invalidCiphertext());
        const ref = refOf(s, versionId);
        const aad = this.blobs.aad(keyId, versionId, canonicalEncryptionContext(context ?? {}));
        const plaintext = await this.opener.withExecutor(ref, (x) => x.decrypt(ref, sealed, aad));
        return E.map((p) => ({ keyId, keyVersionId: versionId, plaintext: p }))(plaintext);
    }
}
