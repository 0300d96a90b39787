export interface KeyArnParts {
    readonly region: string;
    readonly accountId: string;
    readonly keyId: string;
}
export declare const keyArn: (region: string, accountId: string, keyId: string) => string;
export declare const aliasArn: (region: string, accountId: string, alias: string) => string;
export declare const parseKeyArn: (text: string) => KeyArnParts | undefined;
export declare const parseAliasArn: (text: string) => {
    region: string;
    accountId: string;
    alias: string;
} | undefined;
