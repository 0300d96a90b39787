import type { AccessKey, AccessKeyStore } from '../../domain/ports/access-keys.ts';
export declare const ACCESS_KEY_DB_FILE = "access-keys.sqlite";
export type AccessKeyStatus = 'Active' | 'Inactive';
/** What `list` shows: never the secret. */
export interface StoredAccessKeyInfo {
    readonly accessKeyId: string;
    readonly principal: string;
    readonly accountId: string;
    readonly status: AccessKeyStatus;
    readonly createdAt: string;
}
export declare class AccessKeyDecryptError extends Error {
    constructor(accessKeyId: string);
}
export declare class SqliteAccessKeyStore implements AccessKeyStore {
    private readonly rootKey;
    private readonly db;
    private constructor();
    static open(dataDir: string, rootKey: Buffer): SqliteAccessKeyStore;
    /** Makes a key for a principal; the secret is returned here once and is never shown again. */
    create(principal: string, accountId: string, now: Date): StoredAccessKeyInfo & {
        readonly accessKeySecret: string;
    };
    list(): StoredAccessKeyInfo[];
    /** false when no such key. The secret is sealed again, since the status is part of its AAD. */
    setStatus(accessKeyId: string, status: AccessKeyStatus): boolean;
    /** Rows sealed before the status was part of the AAD (v1) are sealed again under v2, once, at open. */
    private sealLegacyRows;
    private reseal;
    delete(accessKeyId: string): boolean;
    find(accessKeyId: string): Promise<AccessKey | undefined>;
    close(): void;
}
