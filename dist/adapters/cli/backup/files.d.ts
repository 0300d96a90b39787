export declare const EVENTS_FILE: "events.sqlite";
export declare const VAULT_FILE: "vault.sqlite";
export declare const ROOT_KEY_FILE: "root.key";
/** SQLite files, in the order they are copied: events first, so every event's material is in the vault copied after. */
export declare const SQLITE_FILES: readonly ["events.sqlite", "vault.sqlite", "access-keys.sqlite"];
/** Small files read whole: the account id, the bootstrap access key (its secret in clear: see the docs), the scheduler's status. */
export declare const PLAIN_FILES: readonly ["account-id", "bootstrap-access-key.json", "scheduler-status.json"];
