export declare const NONCE_FILE = "nonces.sqlite";
export interface JournalledNonce {
    readonly accessKeyId: string;
    readonly nonce: string;
    readonly at: number;
}
/** Where the verifier keeps accepted nonces beyond the process. */
export interface NonceJournal {
    /** The nonces whose request time is at or after `sinceMs` (older ones are refused on their timestamp anyway). */
    live(sinceMs: number): JournalledNonce[];
    record(n: JournalledNonce): void;
    /** Drops the rows older than `beforeMs`. */
    prune(beforeMs: number): void;
    close(): void;
}
export declare class SqliteNonceJournal implements NonceJournal {
    private readonly db;
    private readonly insert;
    private readonly remove;
    private constructor();
    static open(dataDir: string): SqliteNonceJournal;
    live(sinceMs: number): JournalledNonce[];
    record(n: JournalledNonce): void;
    prune(beforeMs: number): void;
    close(): void;
}
