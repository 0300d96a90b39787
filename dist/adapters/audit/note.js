import { createHash, createPublicKey, sign, verify } from 'node:crypto';
// C2SP signed notes (docs/verifiable-log.md "Checkpoints"): the text, a blank line, and signature lines
// "— <key name> <base64(key id ‖ signature)>". Ed25519 only (signature type 0x01); the key id is the first four
// bytes of SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key). Any C2SP-aware tool (Go's sumdb/note, the
// transparency-dev libraries) reads and checks what this writes.
const ALG_ED25519 = 0x01;
const SIG_PREFIX = '\u2014 ';
/** The 32 raw bytes of an Ed25519 public key (from its SPKI DER). */
export const rawEd25519 = (publicKey) => {
    if (publicKey.asymmetricKeyType !== 'ed25519')
        throw new Error('the audit public key must be Ed25519');
    return publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
};
export const noteKeyId = (name, publicKey) => createHash('sha256').update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.from([ALG_ED25519]), rawEd25519(publicKey)])).digest().subarray(0, 4);
/** The verifier key text: `<name>+<hex key id>+<base64(0x01 ‖ public key)>`. */
export const verifierKey = (name, publicKey) => `${name}+${noteKeyId(name, publicKey).toString('hex')}+${Buffer.concat([Buffer.from([ALG_ED25519]), rawEd25519(publicKey)]).toString('base64')}`;
/** A PEM public key (anywhere in the text, e.g. `audit public-key`'s whole output), or a verifier key line (`name+id+base64`). */
export const parsePublicKey = (text) => {
    const pem = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/.exec(text);
    if (pem)
        return createPublicKey(pem[0]);
    const parts = text.trim().split('+');
    if (parts.length >= 3) {
        const raw = Buffer.from(parts.slice(2).join('+'), 'base64');
        if (raw.length === 33 && raw[0] === ALG_ED25519)
            return createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw.subarray(1)]), format: 'der', type: 'spki' });
    }
    throw new Error('the public key is neither a PEM public key nor a note verifier key (name+id+base64)');
};
const validName = (name) => name.length > 0 && !/[\s+]/.test(name);
export const signNote = (text, name, privateKey, publicKey) => {
    if (!text.endsWith('\n') || text.includes('\n\n') || !validName(name))
        throw new Error('not a signable note text');
    const sig = sign(null, Buffer.from(text), privateKey);
    return `${text}\n${SIG_PREFIX}${name} ${Buffer.concat([noteKeyId(name, publicKey), sig]).toString('base64')}\n`;
};
/** The note's text if a signature line of `publicKey` verifies; a signature by that key that fails rejects the note. */
export const openNote = (note, publicKey) => {
    const split = note.lastIndexOf('\n\n');
    if (split < 0 || !note.endsWith('\n'))
        return { ok: false, reason: 'not a signed note (no blank line before the signatures)' };
    const text = note.slice(0, split + 1);
    const lines = note.slice(split + 2, -1).split('\n');
    for (const line of lines) {
        if (!line.startsWith(SIG_PREFIX))
            return { ok: false, reason: 'a signature line does not start with an em dash' };
        const [name, b64, ...rest] = line.slice(SIG_PREFIX.length).split(' ');
        if (!name || !b64 || rest.length)
            return { ok: false, reason: 'a signature line is malformed' };
        const blob = Buffer.from(b64, 'base64');
        if (blob.length !== 68 || !blob.subarray(0, 4).equals(noteKeyId(name, publicKey)))
            continue; // another key's
        return verify(null, Buffer.from(text), publicKey, blob.subarray(4))
            ? { ok: true, text, signer: name }
            : { ok: false, reason: `the signature of ${name} does not verify: the note was altered` };
    }
    return { ok: false, reason: 'no signature by this public key' };
};
