import * as t from 'io-ts';
export const AccessKeyConfig = t.intersection([
    t.type({ accessKeyId: t.string, accessKeySecret: t.string }),
    t.partial({ principal: t.string, accountId: t.string, enabled: t.boolean }),
]);
/** Access keys from the configuration, held in memory. */
export class InMemoryAccessKeyStore {
    keys = new Map();
    constructor(keys) {
        for (const k of keys)
            this.keys.set(k.accessKeyId, k);
    }
    async find(accessKeyId) {
        return this.keys.get(accessKeyId);
    }
}
export const accessKeyFromConfig = (c, defaultAccountId) => {
    // A principal ARN names its account; decodeConfig has checked that an explicit accountId agrees with it.
    const accountId = c.accountId ?? /^acs:ram::([0-9]+):/.exec(c.principal ?? '')?.[1] ?? defaultAccountId;
    return {
        accessKeyId: c.accessKeyId,
        secret: c.accessKeySecret,
        accountId,
        principal: c.principal ?? `acs:ram::${accountId}:root`,
        enabled: c.enabled ?? true,
    };
};
/** Several sources asked in order (configuration first, then keys made with the CLI); the first that knows the id answers. */
export class ChainedAccessKeyStore {
    stores;
    constructor(stores) {
        this.stores = stores;
    }
    async find(accessKeyId) {
        for (const s of this.stores) {
            const k = await s.find(accessKeyId);
            if (k)
                return k;
        }
        return undefined;
    }
}
