import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
export const seal = (rootKey, plaintext, aad) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', rootKey, iv);
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { iv, tag: cipher.getAuthTag(), ciphertext };
};
/** undefined when the root key is wrong, the box was tampered with, or its AAD names another place. */
export const open = (rootKey, box, aad) => {
    try {
        const decipher = createDecipheriv('aes-256-gcm', rootKey, box.iv);
        decipher.setAAD(aad);
        decipher.setAuthTag(box.tag);
        return Buffer.concat([decipher.update(box.ciphertext), decipher.final()]);
    }
    catch {
        return undefined;
    }
};
