import * as t from 'io-ts';
import type { AccessKey, AccessKeyStore } from '../../../domain/ports/access-keys.ts';
export type { AccessKey, AccessKeyStore } from '../../../domain/ports/access-keys.ts';
export declare const AccessKeyConfig: t.IntersectionC<[t.TypeC<{
    accessKeyId: t.StringC;
    accessKeySecret: t.StringC;
}>, t.PartialC<{
    principal: t.StringC;
    accountId: t.StringC;
    enabled: t.BooleanC;
}>]>;
export type AccessKeyConfig = t.TypeOf<typeof AccessKeyConfig>;
/** Access keys from the configuration, held in memory. */
export declare class InMemoryAccessKeyStore implements AccessKeyStore {
    private readonly keys;
    constructor(keys: readonly AccessKey[]);
    find(accessKeyId: string): Promise<AccessKey | undefined>;
}
export declare const accessKeyFromConfig: (c: AccessKeyConfig, defaultAccountId: string) => AccessKey;
/** Several sources asked in order (configuration first, then keys made with the CLI); the first that knows the id answers. */
export declare class ChainedAccessKeyStore implements AccessKeyStore {
    private readonly stores;
    constructor(stores: readonly AccessKeyStore[]);
    find(accessKeyId: string): Promise<AccessKey | undefined>;
}
