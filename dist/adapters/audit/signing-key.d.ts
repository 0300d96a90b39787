import { type KeyObject } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
export declare const AUDIT_KEY_FILE = "audit-signing-key.json";
export interface AuditSigner {
    /** The log's name in every checkpoint, and the note key name. */
    readonly origin: string;
    readonly publicKey: KeyObject;
    readonly publicKeyPem: string;
    /** 8 hex digits: the signed-note key id. */
    readonly keyId: string;
    /** `<origin>+<key id>+<base64 key>`: what C2SP tools take as the verifier key. */
    readonly verifierKey: string;
    /** A signed note of `text` (ending in a newline). */
    signNote(text: string): string;
}
/** The data dir's audit signer, made (and written whole, atomically) when there is none yet. */
export declare const loadAuditSigner: (dataDir: string, env?: NodeJS.ProcessEnv) => E.Either<string, AuditSigner>;
