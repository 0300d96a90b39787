import * as t from 'io-ts';
export declare const MANIFEST_FILE = "manifest.json";
export declare const BACKUP_FORMAT = "keyledger-backup";
export declare const BackupFile: t.TypeC<{
    name: t.StringC;
    /** sqlite: copied through SQLite's online backup API; file: read whole. */
    kind: t.KeyofC<{
        sqlite: null;
        file: null;
    }>;
    bytes: t.NumberC;
    sha256: t.StringC;
}>;
export type BackupFile = t.TypeOf<typeof BackupFile>;
export declare const Manifest: t.TypeC<{
    format: t.LiteralC<"keyledger-backup">;
    formatVersion: t.LiteralC<1>;
    createdAt: t.StringC;
    keyledgerVersion: t.StringC;
    host: t.StringC;
    dataDir: t.StringC;
    eventStore: t.TypeC<{
        type: t.KeyofC<{
            sqlite: null;
            esdb: null;
        }>;
        /** The position of the last event in the backup (EventStoreDB: the head when the backup was taken). */
        lastPosition: t.NumberC;
        events: t.NumberC;
    }>;
    rootKey: t.TypeC<{
        fingerprint: t.StringC;
        included: t.BooleanC;
    }>;
    files: t.ArrayC<t.TypeC<{
        name: t.StringC;
        /** sqlite: copied through SQLite's online backup API; file: read whole. */
        kind: t.KeyofC<{
            sqlite: null;
            file: null;
        }>;
        bytes: t.NumberC;
        sha256: t.StringC;
    }>>;
}>;
export type Manifest = t.TypeOf<typeof Manifest>;
/**
 * Names the root key without revealing it: HMAC-SHA-256 keyed by the root key over a fixed label, first 16
 * bytes. Without the key nobody can compute it; with a candidate key anyone can check it is the one.
 */
export declare const rootKeyFingerprint: (rootKey: Buffer) => string;
export declare const sha256File: (path: string) => Promise<string>;
export declare const keyledgerVersion: () => string;
