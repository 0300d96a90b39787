import type { VaultRow, WrappedMaterial, WrappedMaterialRow, WrappedRowListing } from '../../domain/ports/key-vault.ts'

export type { ImportFingerprintRow, VaultRow, WrappedMaterialRow, WrappedRowListing } from '../../domain/ports/key-vault.ts'

// A vault's rows as they are stored, still wrapped under the root key: what `keyledger vault copy` moves between
// the SQLite vault file and EventStoreDB's `vault-` streams. The AAD of a material row binds key id, version id
// and kind (wrap.ts), never where the row is kept, so a row moves byte for byte and opens under the same root key
// in either vault. Nothing here unwraps: listing and copying need no root key.

/** Where a row sits in its key: a version's material, or the key's one fingerprint. */
export const rowSlot = (r: VaultRow): string => (r.type === 'material' ? `material ${r.versionId}` : 'import fingerprint')

const sameWrapped = (a: WrappedMaterial, b: WrappedMaterial): boolean =>
  a.iv.equals(b.iv) && a.tag.equals(b.tag) && a.ciphertext.equals(b.ciphertext)

/** Byte for byte the same row (wrapping is randomised: the same material wrapped twice is NOT the same row). */
export const sameRow = (a: VaultRow, b: VaultRow): boolean => {
  if (a.keyId !== b.keyId) return false
  if (a.type === 'fingerprint') return b.type === 'fingerprint' && a.fingerprint.equals(b.fingerprint)
  if (b.type === 'fingerprint') return false
  return a.versionId === b.versionId && a.kind === b.kind && a.imported === b.imported && sameWrapped(a.wrapped, b.wrapped)
}

/** Rows sorted by slot, so listings compare across vaults. */
export const sortRows = (rows: VaultRow[]): VaultRow[] => [...rows].sort((a, b) => rowSlot(a).localeCompare(rowSlot(b)))

/** A vault opened without the root key, for moving its wrapped rows (`keyledger vault copy`). */
export interface WrappedVault extends WrappedRowListing {
  /** Where it is, for messages. */
  readonly location: string
  /** true when the key's rows were destroyed for good here (tombstoned `vault-` streams): nothing may come back. */
  destroyed(keyId: string): Promise<boolean>
  /** The root key check row (a start with another root key is refused against it); undefined before any start. */
  rootCheck(): Promise<WrappedMaterialRow['wrapped'] | undefined>
  /** Writes the root key check; only into a vault that has none. */
  putRootCheck(w: WrappedMaterialRow['wrapped']): Promise<void>
  /**
   * Adds the rows the key lacks, as they are: a row present and identical is skipped; a different row in the same
   * slot throws `VaultRowConflict` before anything is written for the key. Returns the number of rows written.
   */
  addRows(keyId: string, rows: readonly VaultRow[]): Promise<number>
  close(): Promise<void>
}

/** A row of the target differs from the source's in the same slot: the copy must not overwrite either. */
export class VaultRowConflict extends Error {
  constructor(readonly keyId: string, readonly slot: string, where: string) {
    super(`${where} already holds a different ${slot} for key ${keyId}: refusing to overwrite it (the two vaults disagree; find out which is right before copying this key)`)
    this.name = 'VaultRowConflict'
  }
}

/** The rows of `wanted` that `present` lacks; throws VaultRowConflict when a slot holds a different row. */
export const missingRows = (keyId: string, wanted: readonly VaultRow[], present: readonly VaultRow[], where: string): VaultRow[] => {
  const bySlot = new Map(present.map((r) => [rowSlot(r), r]))
  const out: VaultRow[] = []
  for (const r of wanted) {
    const there = bySlot.get(rowSlot(r))
    if (!there) out.push(r)
    else if (!sameRow(r, there)) throw new VaultRowConflict(keyId, rowSlot(r), where)
  }
  return out
}
