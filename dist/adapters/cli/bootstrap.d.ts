import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
export declare const BOOTSTRAP_KEY_FILE: "bootstrap-access-key.json";
export declare const ACCOUNT_ID_FILE: "account-id";
declare const BootstrapKey: t.TypeC<{
    accessKeyId: t.StringC;
    accessKeySecret: t.StringC;
}>;
export type BootstrapKey = t.TypeOf<typeof BootstrapKey>;
export declare const ensureDataDir: (dir: string) => void;
/** The account id from KMS_ACCOUNT_ID, else the one made on first start (16 digits, like an Alibaba uid). */
export declare const accountIdFor: (dataDir: string, fromEnv: string | undefined) => string;
export interface BootstrapResult {
    readonly key: BootstrapKey;
    /** Where the key is kept; undefined when it came from the environment. */
    readonly file?: string;
    readonly created: boolean;
}
export declare const bootstrapAccessKey: (dataDir: string, env: NodeJS.ProcessEnv) => E.Either<string, BootstrapResult>;
export {};
