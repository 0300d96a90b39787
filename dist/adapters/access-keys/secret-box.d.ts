export interface SealedSecret {
    readonly iv: Buffer;
    readonly ciphertext: Buffer;
    readonly tag: Buffer;
}
export declare const secretAad: (accessKeyId: string, principal: string, status: string) => Buffer;
/** Rows sealed before the status was bound: read once at open to be sealed again under `secretAad`. */
export declare const legacySecretAad: (accessKeyId: string, principal: string) => Buffer;
export declare const sealSecret: (rootKey: Buffer, aad: Buffer, secret: string) => SealedSecret;
/** undefined when the tag does not verify: another root key, or the row was altered. */
export declare const openSecret: (rootKey: Buffer, aad: Buffer, s: SealedSecret) => string | undefined;
