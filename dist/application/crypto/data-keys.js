import * as E from 'fp-ts/lib/Either.js';
import { checkExportWrapping } from "./algorithms.js";
import { dataKeyBytes } from "./data-key.js";
/** GenerateDataKey and its variants, ExportDataKey (API reference §5.9): a plaintext data key is zeroed once used. */
export class DataKeys {
    opener;
    symmetric;
    transport;
    constructor(opener, symmetric, transport) {
        this.opener = opener;
        this.symmetric = symmetric;
        this.transport = transport;
    }
    generate(call, trail, input, action = 'GenerateDataKey') {
        return this.newDataKey(call, input, action, trail);
    }
    async generateWithoutPlaintext(call, trail, input) {
        const made = await this.newDataKey(call, input, 'GenerateDataKeyWithoutPlaintext', trail);
        if (E.isLeft(made))
            return made;
        const { plaintext, ...rest } = made.right;
        plaintext.fill(0);
        return E.right(rest);
    }
    /** The data key comes back encrypted under the CMK and wrapped under the caller's public key, never in clear. */
    async generateAndExport(call, trail, input) {
        const wrapping = checkExportWrapping(input.wrappingKeySpec, input.wrappingAlgorithm);
        if (E.isLeft(wrapping))
            return this.opener.afterOpening(call, input.keyId, 'GenerateAndExportDataKey', trail, wrapping);
        const made = await this.newDataKey(call, input, 'GenerateAndExportDataKey', trail);
        if (E.isLeft(made))
            return made;
        trail.useAlgorithm(wrapping.right.algorithm);
        const { plaintext, ...rest } = made.right;
        try {
            const exported = this.transport.wrapForExport(input.publicKeyBlob, wrapping.right.spec, wrapping.right.algorithm, plaintext);
            return E.map((exportedDataKey) => ({ ...rest, exportedDataKey }))(exported);
        }
        finally {
            plaintext.fill(0);
        }
    }
    async export(call, trail, input) {
        const source = await this.opener.openBlob(call, input.ciphertextBlob, 'ExportDataKey', trail);
        if (E.isLeft(source))
            return source;
        const wrapping = checkExportWrapping(input.wrappingKeySpec, input.wrappingAlgorithm);
        if (E.isLeft(wrapping))
            return wrapping;
        trail.useAlgorithm(wrapping.right.algorithm);
        const opened = await this.symmetric.unseal(source.right, input.encryptionContext);
        if (E.isLeft(opened))
            return opened;
        const { plaintext, ...rest } = opened.right;
        try {
            const exported = this.transport.wrapForExport(input.publicKeyBlob, wrapping.right.spec, wrapping.right.algorithm, plaintext);
            return E.map((exportedDataKey) => ({ ...rest, exportedDataKey }))(exported);
        }
        finally {
            plaintext.fill(0);
        }
    }
    async newDataKey(call, input, action, trail) {
        const key = await this.opener.openKey(call, input.keyId, action, trail);
        if (E.isLeft(key))
            return key;
        const bytes = dataKeyBytes(input.keySpec, input.numberOfBytes);
        if (E.isLeft(bytes))
            return bytes;
        const plaintext = this.transport.randomDataKey(bytes.right);
        const sealed = await this.symmetric.seal(key.right.state, key.right.setVersion, plaintext, input.encryptionContext);
        if (E.isLeft(sealed))
            plaintext.fill(0);
        return E.map((s) => ({ ...s, plaintext }))(sealed);
    }
}
