import { type KeyObject } from 'node:crypto';
/** The 32 raw bytes of an Ed25519 public key (from its SPKI DER). */
export declare const rawEd25519: (publicKey: KeyObject) => Buffer;
export declare const noteKeyId: (name: string, publicKey: KeyObject) => Buffer;
/** The verifier key text: `<name>+<hex key id>+<base64(0x01 ‖ public key)>`. */
export declare const verifierKey: (name: string, publicKey: KeyObject) => string;
/** A PEM public key (anywhere in the text, e.g. `audit public-key`'s whole output), or a verifier key line (`name+id+base64`). */
export declare const parsePublicKey: (text: string) => KeyObject;
export declare const signNote: (text: string, name: string, privateKey: KeyObject, publicKey: KeyObject) => string;
export type OpenedNote = {
    readonly ok: true;
    readonly text: string;
    readonly signer: string;
} | {
    readonly ok: false;
    readonly reason: string;
};
/** The note's text if a signature line of `publicKey` verifies; a signature by that key that fails rejects the note. */
export declare const openNote: (note: string, publicKey: KeyObject) => OpenedNote;
