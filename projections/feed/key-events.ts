import type { ProjectedEvent } from '../projected-event.ts'

// The public key-event schema (docs/key-events.md), version 1: what other systems may learn of a key's lifecycle.
// A pure mapping from keyledger's domain events. It never carries internal metadata (principal, request id,
// source IP, hash chain) nor key material (events hold none); an event with no public meaning (tags,
// descriptions, usage) maps to nothing. Changing a published field's meaning needs `keyledger.key-event/2`.

export const KEY_EVENT_SCHEMA = 'keyledger.key-event/1'

export type PublicKeyEventType =
  | 'created' | 'enabled' | 'disabled' | 'deletion-scheduled' | 'deletion-cancelled' | 'deleted' | 'rotated'
  | 'material-imported' | 'material-expired' | 'material-deleted' | 'policy-changed' | 'deletion-reminder'

export interface PublicKeyEvent {
  readonly schema: typeof KEY_EVENT_SCHEMA
  /** The store's global position: the cursor a consumer passes back as `After`. */
  readonly position: number
  readonly eventId: string
  readonly time: string
  readonly keyId: string
  readonly keyArn: string
  readonly type: PublicKeyEventType
  readonly details: Readonly<Record<string, string | number | boolean | null>>
}

type Mapped = { readonly type: PublicKeyEventType; readonly details: PublicKeyEvent['details'] }

const typeAndDetails = (e: ProjectedEvent): Mapped | undefined => {
  if (e.kind !== 'key') return undefined
  const ev = e.event
  switch (ev.type) {
    case 'KeyCreated':
      return { type: 'created', details: { keySpec: ev.data.spec, keyUsage: ev.data.usage, origin: ev.data.origin, protectionLevel: ev.data.protectionLevel } }
    case 'KeyEnabled': return { type: 'enabled', details: {} }
    case 'KeyDisabled': return { type: 'disabled', details: {} }
    case 'DeletionScheduled':
      return { type: 'deletion-scheduled', details: { pendingWindowInDays: ev.data.pendingWindowInDays, deleteDate: ev.data.deleteDate } }
    case 'DeletionCancelled': return { type: 'deletion-cancelled', details: {} }
    case 'DeletionReminded':
      return { type: 'deletion-reminder', details: { deleteDate: ev.data.deleteDate, lead: ev.data.lead, leadSeconds: ev.data.leadSeconds } }
    case 'KeyDeleted': return { type: 'deleted', details: { deletedAt: ev.data.deletedAt } }
    case 'VersionRotated': return { type: 'rotated', details: { keyVersionId: ev.data.versionId, reason: ev.data.reason } }
    case 'KeyMaterialImported':
      return { type: 'material-imported', details: { keyVersionId: ev.data.versionId, expireAt: ev.data.expireAt } }
    case 'KeyMaterialDeleted':
      return ev.data.reason === 'expired' ? { type: 'material-expired', details: {} } : { type: 'material-deleted', details: {} }
    // The policy text is the key's own business: DescribeKey-level readers learn that it changed, GetKeyPolicy says how.
    case 'KeyPolicyUpdated': return { type: 'policy-changed', details: {} }
    default: return undefined
  }
}

/** The key a public event would be about, or undefined when the event is not a public one (read before authorizing). */
export const publicEventKeyId = (e: ProjectedEvent): string | undefined =>
  typeAndDetails(e) === undefined ? undefined : (e.event.data as { keyId: string }).keyId

/** A domain event as the public schema shows it; undefined for events outside the schema. */
export const toPublicKeyEvent = (e: ProjectedEvent, keyArn: string): PublicKeyEvent | undefined => {
  const m = typeAndDetails(e)
  if (!m) return undefined
  return {
    schema: KEY_EVENT_SCHEMA, position: e.position, eventId: e.eventId, time: e.metadata.occurredAt,
    keyId: (e.event.data as { keyId: string }).keyId, keyArn, type: m.type, details: m.details,
  }
}
