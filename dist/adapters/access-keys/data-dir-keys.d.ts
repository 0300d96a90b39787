import type { AccessKey, AccessKeyStore } from '../../domain/ports/access-keys.ts';
/**
 * The server's view of the keys `keyledger access-keys` keeps in the data dir. Opened on the first lookup after
 * the file exists, so a server whose operator never made such a key needs no root key and writes nothing, and a
 * key made while the server runs works at once.
 */
export declare class DataDirAccessKeys implements AccessKeyStore {
    private readonly dataDir;
    private readonly env;
    private store;
    constructor(dataDir: string, env: NodeJS.ProcessEnv);
    find(accessKeyId: string): Promise<AccessKey | undefined>;
    close(): void;
}
