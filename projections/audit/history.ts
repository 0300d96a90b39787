import * as E from 'fp-ts/lib/Either.js'
import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import { decodeRecorded } from '../projected-event.ts'

// `audit history KEY`: the key's lifecycle (`key-<id>`), its usage (`keyusage-<id>`) and the alias events that
// named it, in global order, each with who, when, from where and under which request.

export interface HistoryEntry {
  readonly position: number
  readonly streamId: string
  readonly revision: number
  readonly type: string
  readonly occurredAt: string
  readonly principal: string
  readonly sourceIp: string | null
  readonly requestId: string
  /** A short description of what the event says (never key material: events hold none). */
  readonly detail: string
}

export const keyHistory = (keyId: string, events: readonly RecordedEvent[]): HistoryEntry[] =>
  events
    .filter((e) => e.streamId === `key-${keyId}` || e.streamId === `keyusage-${keyId}` || (e.streamId.startsWith('alias-') && namesKey(e.data, keyId)))
    .sort((a, b) => a.position - b.position)
    .map((e) => ({
      position: e.position, streamId: e.streamId, revision: e.revision, type: e.type,
      occurredAt: e.metadata.occurredAt, principal: e.metadata.principal, sourceIp: e.metadata.sourceIp ?? null,
      requestId: e.metadata.requestId, detail: detailOf(e),
    }))

/** An alias event concerns the key it points to, and the key it was taken from (AliasRetargeted). */
const namesKey = (data: unknown, keyId: string): boolean => {
  const d = data as { keyId?: unknown; previousKeyId?: unknown } | null
  return d?.keyId === keyId || d?.previousKeyId === keyId
}

const detailOf = (r: RecordedEvent): string => {
  const d = decodeRecorded(r)
  if (E.isLeft(d)) return `does not decode: ${d.left.reason}`
  const p = d.right
  switch (p.kind) {
    case 'usage': {
      const u = p.event.data
      const times = u.count !== undefined ? `×${u.count} until ${u.lastAt ?? u.at}` : null
      return [u.action, u.outcome, u.errorCode, times, u.callerService && `by ${u.callerService}`, u.callerResource].filter(Boolean).join(' ')
    }
    case 'alias':
      return `${p.event.data.alias} → ${p.event.data.keyId}`
    case 'key': {
      const e = p.event
      switch (e.type) {
        case 'KeyCreated': return `${e.data.spec} ${e.data.usage} ${e.data.kind}${e.data.instanceId ? ` in ${e.data.instanceId}` : ''}`
        case 'DeletionScheduled': return `deletes at ${e.data.deleteDate} (${e.data.pendingWindowInDays} days)`
        case 'DeletionReminded': return `deletes at ${e.data.deleteDate} (${e.data.lead} before)`
        case 'TagBound': return `${e.data.tagKey}=${e.data.tagValue}`
        case 'TagUnbound': return e.data.tagKey
        case 'VersionRotated': return `${e.data.versionId} (${e.data.reason})`
        case 'KeyVersionCreated': return e.data.versionId
        case 'RotationPolicyUpdated': return e.data.rotation.enabled ? `every ${e.data.rotation.intervalSeconds}s` : 'off'
        case 'DeletionProtectionEnabled': return e.data.description
        case 'KeyMaterialDestroyed': return e.data.versionIds ? `versions ${e.data.versionIds.join(', ')}` : ''
        default: return ''
      }
    }
    default:
      return ''
  }
}
