import * as E from 'fp-ts/lib/Either.js'
import { evolve, initialState, type KeyState } from '../../domain/key/index.ts'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { decodeRecorded } from '../../projections/projected-event.ts'
import type { WrappedRowListing } from '../vault/wrapped-rows.ts'

// The vault checked against the events (docs/operations.md#startup-checks): every live version of every key
// whose material lives in the vault must have its row. A vault lost or restored from an older copy otherwise
// shows up only later, as `Forbidden.KeyVersionNotFound` for keys that plainly exist. Used at start by `serve`,
// and by `restore` and `backup` on the copies they make.

export interface MaterialCheck {
  /** Keys folded from the events (every state, deleted ones included). */
  readonly keys: number
  /** Live versions whose material the vault should hold. */
  readonly versions: number
  /** Those it does not hold, in event order: the first one is what an error names. */
  readonly missing: readonly { readonly keyId: string; readonly versionId: string }[]
}

/** A key whose versions must have material now: usable, or able to become usable again without an import. */
export const needsMaterial = (s: KeyState): boolean =>
  s.created && s.kind !== 'external' && (s.status === 'Enabled' || s.status === 'Disabled' || s.status === 'PendingDeletion') &&
  (s.origin !== 'EXTERNAL' || s.material.imported)

/** Folds every `key-` stream and looks each live version up in the vault's rows (still wrapped: no root key). */
export const checkMaterial = async (
  store: EventStore, vault: WrappedRowListing, inVault: (s: KeyState) => boolean,
): Promise<E.Either<string, MaterialCheck>> => {
  const states = new Map<string, KeyState>()
  for (const r of await store.readAll({ streamPrefixes: ['key-'] })) {
    const d = decodeRecorded(r)
    if (E.isLeft(d)) return E.left(`event ${d.left.streamId}@${d.left.revision} does not decode: ${d.left.reason}`)
    if (d.right.kind !== 'key') continue
    states.set(r.streamId, evolve(states.get(r.streamId) ?? initialState, d.right.event))
  }
  const held = new Set(await vault.keyIds())
  const missing: { keyId: string; versionId: string }[] = []
  let versions = 0
  for (const s of states.values()) {
    if (!needsMaterial(s) || !inVault(s)) continue
    const rows = held.has(s.keyId) ? await vault.wrappedRows(s.keyId) : []
    const have = new Set(rows.flatMap((r) => (r.type === 'material' ? [r.versionId] : [])))
    for (const v of s.versions) {
      versions++
      if (!have.has(v.versionId)) missing.push({ keyId: s.keyId, versionId: v.versionId })
    }
  }
  return E.right({ keys: states.size, versions, missing })
}
