export interface SealedBox {
    readonly iv: Buffer;
    readonly tag: Buffer;
    readonly ciphertext: Buffer;
}
export declare const seal: (rootKey: Buffer, plaintext: Buffer, aad: Buffer) => SealedBox;
/** undefined when the root key is wrong, the box was tampered with, or its AAD names another place. */
export declare const open: (rootKey: Buffer, box: SealedBox, aad: Buffer) => Buffer | undefined;
