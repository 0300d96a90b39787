import { list } from './api.ts'
import type { App } from './app.ts'

// The key's audit timeline through ListKeyHistory (docs/http-api.md "keyledger actions"), and the key's state at
// any instant of it: the lifecycle events up to that instant folded as the server's decider folds them
// (domain/key/evolve.ts), so the slider shows what the ledger says, not a guess.

export interface HistoryEvent {
  readonly Type: string; readonly Time: string; readonly Principal: string; readonly SourceIp: string
  readonly RequestId: string; readonly Detail: string
}

/** At most this many events are read for the timeline (the API allows 10,000 deep; docs/console.md). */
export const MAX_HISTORY_EVENTS = 1000

export const loadHistory = async (app: App, keyId: string): Promise<HistoryEvent[]> => {
  const out: HistoryEvent[] = []
  for (let page = 1; out.length < MAX_HISTORY_EVENTS; page++) {
    const r = await app.call('ListKeyHistory', { KeyId: keyId, PageNumber: String(page), PageSize: '100' })
    const events = list<HistoryEvent>(r, 'Events', 'Event')
    out.push(...events)
    if (events.length < 100 || out.length >= Number(r['TotalCount'] ?? 0)) break
  }
  return out
}

export interface StateAt {
  readonly state: string
  readonly deletionProtection: boolean
  readonly tags: ReadonlyMap<string, string>
  readonly aliases: readonly string[]
}

/** The key as of event `index` (inclusive). `external`: the key was created awaiting imported material. */
export const stateAt = (events: readonly HistoryEvent[], index: number, external: boolean): StateAt => {
  let state = 'Unknown'
  let protection = false
  let material = false
  const tags = new Map<string, string>()
  const aliases = new Set<string>()
  for (const e of events.slice(0, index + 1)) {
    switch (e.Type) {
      case 'KeyCreated': state = external ? 'PendingImport' : 'Enabled'; break
      case 'KeyEnabled': state = 'Enabled'; break
      case 'KeyDisabled': state = 'Disabled'; break
      case 'DeletionScheduled': state = 'PendingDeletion'; break
      case 'DeletionCancelled': state = external && !material ? 'PendingImport' : 'Enabled'; break
      case 'KeyMaterialImported': material = true; if (state === 'PendingImport') state = 'Enabled'; break
      case 'KeyMaterialDeleted': material = false; if (state !== 'PendingDeletion') state = 'PendingImport'; break
      case 'KeyDeleted': state = 'Deleted'; break
      case 'DeletionProtectionEnabled': protection = true; break
      case 'DeletionProtectionDisabled': protection = false; break
      case 'TagBound': { const at = e.Detail.indexOf('='); tags.set(e.Detail.slice(0, at), e.Detail.slice(at + 1)); break }
      case 'TagUnbound': tags.delete(e.Detail); break
      case 'AliasCreated': aliases.add(e.Detail.split(' → ')[0]!); break
      case 'AliasDeleted': aliases.delete(e.Detail.split(' → ')[0]!); break
    }
  }
  return { state, deletionProtection: protection, tags, aliases: [...aliases] }
}

/** Usage records say allowed or denied in their detail ("Encrypt Allowed", "Decrypt Denied …"). */
export const outcomeOf = (e: HistoryEvent): string => {
  if (e.Type !== 'ActionInvoked') return ''
  const word = e.Detail.split(' ')[1] ?? ''
  return word
}
