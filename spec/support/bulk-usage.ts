import type { EventStore } from '../../domain/ports/event-store.ts'

// A long usage history made fast: ActionInvoked records appended to `keyusage-<KeyId>` through the store port in
// batches, beside the server (as scripts/bench/lib/history.ts does for the benchmarks).

export const bulkUsage = async (store: EventStore, keyId: string, principal: string, n: number, batchSize = 5_000): Promise<void> => {
  const at = new Date().toISOString()
  for (let done = 0; done < n;) {
    const batch = Array.from({ length: Math.min(batchSize, n - done) }, (_, i) => {
      const requestId = `bulk-${keyId}-${done + i}`
      return {
        eventId: requestId, type: 'ActionInvoked',
        data: { keyId, versionId: null, action: 'kms:Encrypt', outcome: 'allowed', errorCode: null, callerService: null, callerResource: null, requestId, at },
        metadata: { principal, requestId, occurredAt: at, correlationId: requestId, causationId: requestId },
      }
    })
    const r = await store.append(`keyusage-${keyId}`, 'any', batch)
    if (r._tag === 'Left') throw new Error(`bulk append to keyusage-${keyId} refused`)
    done += batch.length
  }
}
