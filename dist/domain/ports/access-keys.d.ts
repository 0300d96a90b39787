/** What an access key stands for: whose secret signs, which principal acts, in which account (docs/architecture.md "Authorization"). */
export interface AccessKey {
    readonly accessKeyId: string;
    readonly secret: string;
    /** The principal's ARN, e.g. `acs:ram::<account>:root` or `acs:ram::<account>:user/<name>`. */
    readonly principal: string;
    readonly accountId: string;
    readonly enabled: boolean;
}
/** The port the verifier asks; a RAM-backed store (users, rotation of keys) can replace the in-memory one. */
export interface AccessKeyStore {
    find(accessKeyId: string): Promise<AccessKey | undefined>;
}
