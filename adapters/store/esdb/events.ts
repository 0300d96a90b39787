import { jsonEvent, type AllStreamResolvedEvent, type JSONType, type ResolvedEvent } from '@eventstore/db-client'
import * as E from 'fp-ts/lib/Either.js'
import { SealedMetadata, type NewEvent, type RecordedEvent } from '../../../domain/kernel/envelope.ts'
import { reportedPosition, toPortPosition } from './positions.ts'

/**
 * Streams in the same database that are not part of the event log: the key vault's (`vault-<keyId>…`, wrapped
 * key material, adapters/vault/esdb-vault.ts). They are unsealed, hold secrets (wrapped) and are destroyed by
 * tombstones, so no read of the log returns them: not projections, audit, reports, nor `store copy`.
 */
export const VAULT_STREAM_PREFIX = 'vault-'

/**
 * Events no reader of the log gets: `$`-prefixed streams (`$$key-…` metadata, `$ce-…` links, `$stats-…`) and
 * types (`$metadata`, `$>`, `$streamDeleted`) are the server's; `vault-` streams are the vault's.
 */
export const isHiddenEvent = (streamId: string, type: string): boolean =>
  streamId.startsWith('$') || type.startsWith('$') || streamId.startsWith(VAULT_STREAM_PREFIX)

/** The server-side filter of a subscription without prefixes: everything but `$` and vault streams (.NET regex). */
export const LOG_STREAMS_REGEX = `^(?!\\$|${VAULT_STREAM_PREFIX})`

/** Events are stored as JSON: data as given, metadata the sealed envelope (with `prevHash`/`hash`). */
export const toEventData = (e: NewEvent & { metadata: SealedMetadata }) =>
  jsonEvent({ id: e.eventId, type: e.type, data: e.data as JSONType, metadata: e.metadata })

/**
 * Decodes one event read back from the server (a boundary: the metadata is checked against its codec). The
 * position is the `$all` commit position when the read reports one; stream reads of some servers do not
 * (UNVERIFIED, docs/esdb.md), and then `position` is -1.
 */
export const toRecordedEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent => {
  const e = resolved.event
  if (!e) throw new Error('EventStoreDB returned an unresolved link event; keyledger reads no link streams')
  if (!e.isJson) throw new Error(`event ${e.id} in ${e.streamId} is not JSON: not written by keyledger`)
  const metadata = SealedMetadata.decode(e.metadata)
  if (E.isLeft(metadata)) throw new Error(`event ${e.id} in ${e.streamId}: metadata is not a sealed keyledger envelope`)
  const position = reportedPosition(resolved.commitPosition, e.position?.commit)
  return {
    streamId: e.streamId,
    revision: Number(e.revision),
    position: position === undefined ? -1 : toPortPosition(position),
    eventId: e.id,
    type: e.type,
    data: e.data,
    metadata: metadata.right,
  }
}
