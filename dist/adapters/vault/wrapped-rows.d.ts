import type { VaultRow, WrappedMaterialRow, WrappedRowListing } from '../../domain/ports/key-vault.ts';
export type { ImportFingerprintRow, VaultRow, WrappedMaterialRow, WrappedRowListing } from '../../domain/ports/key-vault.ts';
/** Where a row sits in its key: a version's material, or the key's one fingerprint. */
export declare const rowSlot: (r: VaultRow) => string;
/** Byte for byte the same row (wrapping is randomised: the same material wrapped twice is NOT the same row). */
export declare const sameRow: (a: VaultRow, b: VaultRow) => boolean;
/** Rows sorted by slot, so listings compare across vaults. */
export declare const sortRows: (rows: VaultRow[]) => VaultRow[];
/** A vault opened without the root key, for moving its wrapped rows (`keyledger vault copy`). */
export interface WrappedVault extends WrappedRowListing {
    /** Where it is, for messages. */
    readonly location: string;
    /** true when the key's rows were destroyed for good here (tombstoned `vault-` streams): nothing may come back. */
    destroyed(keyId: string): Promise<boolean>;
    /** The root key check row (a start with another root key is refused against it); undefined before any start. */
    rootCheck(): Promise<WrappedMaterialRow['wrapped'] | undefined>;
    /** Writes the root key check; only into a vault that has none. */
    putRootCheck(w: WrappedMaterialRow['wrapped']): Promise<void>;
    /**
     * Adds the rows the key lacks, as they are: a row present and identical is skipped; a different row in the same
     * slot throws `VaultRowConflict` before anything is written for the key. Returns the number of rows written.
     */
    addRows(keyId: string, rows: readonly VaultRow[]): Promise<number>;
    close(): Promise<void>;
}
/** A row of the target differs from the source's in the same slot: the copy must not overwrite either. */
export declare class VaultRowConflict extends Error {
    readonly keyId: string;
    readonly slot: string;
    constructor(keyId: string, slot: string, where: string);
}
/** The rows of `wanted` that `present` lacks; throws VaultRowConflict when a slot holds a different row. */
export declare const missingRows: (keyId: string, wanted: readonly VaultRow[], present: readonly VaultRow[], where: string) => VaultRow[];
