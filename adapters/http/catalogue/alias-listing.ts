import * as E from 'fp-ts/lib/Either.js'
import { AliasEvent, evolveAlias, initialAliasState, type AliasState } from '../../../domain/alias/alias.ts'
import type { EventStore } from '../../../domain/ports/event-store.ts'
import { upcast } from '../../../domain/service/upcast.ts'

export interface ListedAlias {
  readonly alias: string
  readonly keyId: string
}

/**
 * STOPGAP, to be replaced by the key catalogue read model: the live aliases of one account and region, found
 * by folding every `alias-<account>.<region>.` stream on each call. Sorted by name.
 */
export const scanAliases = async (store: EventStore, accountId: string, region: string): Promise<ListedAlias[]> => {
  const prefix = `alias-${accountId}.${region}.`
  const states = new Map<string, AliasState>()
  for (const r of await store.readAll({ streamPrefixes: [prefix] })) {
    const decoded = AliasEvent.decode(upcast(r))
    if (E.isLeft(decoded)) throw new Error(`Event ${r.revision} of ${r.streamId} (${r.type}) does not decode; the store needs an audit.`)
    states.set(r.streamId, evolveAlias(states.get(r.streamId) ?? initialAliasState, decoded.right))
  }
  const out: ListedAlias[] = []
  for (const [streamId, s] of states) if (s.keyId !== null) out.push({ alias: streamId.slice(prefix.length), keyId: s.keyId })
  return out.sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0))
}
