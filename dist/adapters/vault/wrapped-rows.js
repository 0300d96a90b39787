// A vault's rows as they are stored, still wrapped under the root key: what `keyledger vault copy` moves between
// the SQLite vault file and EventStoreDB's `vault-` streams. The AAD of a material row binds key id, version id
// and kind (wrap.ts), never where the row is kept, so a row moves byte for byte and opens under the same root key
// in either vault. Nothing here unwraps: listing and copying need no root key.
/** Where a row sits in its key: a version's material, or the key's one fingerprint. */
export const rowSlot = (r) => (r.type === 'material' ? `material ${r.versionId}` : 'import fingerprint');
const sameWrapped = (a, b) => a.iv.equals(b.iv) && a.tag.equals(b.tag) && a.ciphertext.equals(b.ciphertext);
/** Byte for byte the same row (wrapping is randomised: the same material wrapped twice is NOT the same row). */
export const sameRow = (a, b) => {
    if (a.keyId !== b.keyId)
        return false;
    if (a.type === 'fingerprint')
        return b.type === 'fingerprint' && a.fingerprint.equals(b.fingerprint);
    if (b.type === 'fingerprint')
        return false;
    return a.versionId === b.versionId && a.kind === b.kind && a.imported === b.imported && sameWrapped(a.wrapped, b.wrapped);
};
/** Rows sorted by slot, so listings compare across vaults. */
export const sortRows = (rows) => [...rows].sort((a, b) => rowSlot(a).localeCompare(rowSlot(b)));
/** A row of the target differs from the source's in the same slot: the copy must not overwrite either. */
export class VaultRowConflict extends Error {
    keyId;
    slot;
    constructor(keyId, slot, where) {
        super(`${where} already holds a different ${slot} for key ${keyId}: refusing to overwrite it (the two vaults disagree; find out which is right before copying this key)`);
        this.keyId = keyId;
        this.slot = slot;
        this.name = 'VaultRowConflict';
    }
}
/** The rows of `wanted` that `present` lacks; throws VaultRowConflict when a slot holds a different row. */
export const missingRows = (keyId, wanted, present, where) => {
    const bySlot = new Map(present.map((r) => [rowSlot(r), r]));
    const out = [];
    for (const r of wanted) {
        const there = bySlot.get(rowSlot(r));
        if (!there)
            out.push(r);
        else if (!sameRow(r, there))
            throw new VaultRowConflict(keyId, rowSlot(r), where);
    }
    return out;
};
