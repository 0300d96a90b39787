import * as t from 'io-ts'

/**
 * Who caused an event and why (docs/architecture.md §3). `occurredAt` comes from the command's clock, never from the store.
 * `prevHash`/`hash` are added by the store when it seals events into a stream's hash chain.
 */
export const EventMetadata = t.intersection([
  t.type({
    principal: t.string,
    requestId: t.string,
    occurredAt: t.string,
    correlationId: t.string,
    causationId: t.string,
  }),
  t.partial({ sourceIp: t.string, userAgent: t.string, schemaVersion: t.number }),
])
export type EventMetadata = t.TypeOf<typeof EventMetadata>

export const ChainLinks = t.type({ prevHash: t.string, hash: t.string })
export type ChainLinks = t.TypeOf<typeof ChainLinks>

export const SealedMetadata = t.intersection([EventMetadata, ChainLinks])
export type SealedMetadata = t.TypeOf<typeof SealedMetadata>

/** An event about to be appended: its type and data come from a decider, its id and metadata from the service. */
export interface NewEvent {
  readonly eventId: string
  readonly type: string
  readonly data: unknown
  readonly metadata: EventMetadata
}

/** An event as a store returns it: position in its stream (`revision`, from 0) and in the whole store. */
export interface RecordedEvent {
  readonly streamId: string
  readonly revision: number
  readonly position: number
  readonly eventId: string
  readonly type: string
  readonly data: unknown
  readonly metadata: SealedMetadata
}

/** The stream's category is the text before its first dash, so EventStoreDB's `$ce-key` works (docs/architecture.md §3). */
export const categoryOf = (streamId: string): string => {
  const i = streamId.indexOf('-')
  return i < 0 ? streamId : streamId.slice(0, i)
}
