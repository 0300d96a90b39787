// ARNs as the API writes them (API reference §5.1): acs:kms:<region>:<account>:key/<keyId> and …:alias/<name>.
export const keyArn = (region, accountId, keyId) => `acs:kms:${region}:${accountId}:key/${keyId}`;
export const aliasArn = (region, accountId, alias) => `acs:kms:${region}:${accountId}:${alias}`;
export const parseKeyArn = (text) => {
    const m = /^acs:kms:([a-z0-9-]+):([0-9]+):key\/(.+)$/.exec(text);
    return m ? { region: m[1], accountId: m[2], keyId: m[3] } : undefined;
};
export const parseAliasArn = (text) => {
    const m = /^acs:kms:([a-z0-9-]+):([0-9]+):(alias\/.+)$/.exec(text);
    return m ? { region: m[1], accountId: m[2], alias: m[3] } : undefined;
};
