import * as E from 'fp-ts/lib/Either.js';
import type { KmsError } from '../domain/errors.ts';
export declare const ROOT_KEY_FILE = "root.key";
export declare const ROOT_KEY_BYTES = 32;
/** Canonical Base64 of exactly 32 bytes (a value that re-encodes differently was mistyped or truncated). */
export declare const decodeRootKey: (text: string, origin: string) => E.Either<KmsError, Buffer>;
export interface RootKeySource {
    /** The value of KMS_ROOT_KEY, when set. */
    readonly env?: string | undefined;
    /** Where the key file lives (e.g. `<data dir>/root.key`). */
    readonly keyFile: string;
    /** Set (to the reason) when only KMS_ROOT_KEY will do: no key file is read or made. */
    readonly envRequiredBecause?: string;
}
export type RootKeyOrigin = 'env' | 'file' | 'created';
/** Returns the root key and says where it came from (for a start-up log line; never the key itself). */
export declare const loadRootKey: (source: RootKeySource) => E.Either<KmsError, {
    key: Buffer;
    origin: RootKeyOrigin;
}>;
/** The data dir's rule (`KMS_ROOT_KEY`, else `<dataDir>/root.key`), for callers that only need the key. */
export declare const loadDataDirRootKey: (dataDir: string, env: NodeJS.ProcessEnv) => E.Either<string, Buffer>;
