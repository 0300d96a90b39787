import { randomUUID } from 'node:crypto'
import type { NewEvent, RecordedEvent } from '../../domain/kernel/envelope.ts'
import { GENESIS_HASH, hashEvent } from '../../domain/events/hash-chain.ts'

// Events and checks shared by the event store specs (contract suite, SQLite crash spec).

export const newEvent = (type = 'TestHappened', data: unknown = { n: 1 }, eventId: string = randomUUID()): NewEvent => ({
  eventId,
  type,
  data,
  metadata: {
    principal: 'acs:ram::1234567890123456:root',
    requestId: randomUUID(),
    occurredAt: '2026-01-01T00:00:00.000Z',
    correlationId: 'corr-1',
    causationId: 'cause-1',
  },
})

export const newEvents = (n: number, type = 'TestHappened'): NewEvent[] => Array.from({ length: n }, (_, i) => newEvent(type, { i }))

/**
 * The stream's hash chain as `audit verify` will check it: the first event links to GENESIS_HASH, each next one
 * to the previous hash, and every hash recomputes. Returns the first problem, or undefined when the chain holds.
 */
export const chainProblem = (events: readonly RecordedEvent[]): string | undefined => {
  let prev = GENESIS_HASH
  for (const [i, e] of events.entries()) {
    if (e.revision !== i) return `${e.streamId}: revision ${e.revision} at index ${i}`
    if (e.metadata.prevHash !== prev) return `${e.streamId}@${e.revision}: prevHash does not link to the previous event`
    if (hashEvent(e) !== e.metadata.hash) return `${e.streamId}@${e.revision}: hash does not recompute`
    prev = e.metadata.hash
  }
  return undefined
}

/** Resolves once `check` holds, or rejects after `ms`: a live-delivery spec fails instead of hanging. */
export const eventually = async (check: () => boolean, ms = 2000, what = 'condition'): Promise<void> => {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
