// `Streams.Append` (client-streaming, the path of servers without BatchAppend) and `Streams.BatchAppend` (bidi,
// the path the client takes when ServerFeatures lists it, as real servers ≥ 21.10 do).
import type * as grpc from '@grpc/grpc-js'
import type streamsPb from '@eventstore/db-client/generated/streams_pb.js'
import type { AppendOutcome, DoubleLog, ProposedRecord } from './log.ts'
import {
  allPosition, AppendResp, batchStreamDeleted, DeleteResp, streamDeletedError, TombstoneResp, wrongExpectedVersionError, appendWrongExpectedVersion, BatchAppendResp, batchWrongExpectedVersion, emptyMessage, expectedFrom, streamIdentifier,
  streamName, uuidToString,
} from './wire.ts'

interface Proposed {
  getId(): Parameters<typeof uuidToString>[0]
  getMetadataMap(): { get(key: string): string | undefined }
  getData_asU8(): Uint8Array
  getCustomMetadata_asU8(): Uint8Array
}

const proposedRecord = (m: Proposed): ProposedRecord => ({
  eventId: uuidToString(m.getId()),
  type: m.getMetadataMap().get('type') ?? '',
  contentType: m.getMetadataMap().get('content-type') ?? 'application/octet-stream',
  data: m.getData_asU8(),
  metadata: m.getCustomMetadata_asU8(),
})

export const appendHandler = (log: DoubleLog) => (
  call: grpc.ServerReadableStream<streamsPb.AppendReq, streamsPb.AppendResp>,
  callback: grpc.sendUnaryData<streamsPb.AppendResp>
): void => {
  let options: streamsPb.AppendReq.Options | undefined
  const proposed: ProposedRecord[] = []
  call.on('data', (req: streamsPb.AppendReq) => {
    if (req.hasOptions()) options = req.getOptions()
    else if (req.hasProposedMessage()) proposed.push(proposedRecord(req.getProposedMessage()!))
  })
  call.on('end', () => {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- gRPC status codes as the wire numbers (3 = INVALID_ARGUMENT)
    if (!options) return callback({ code: 3, details: 'append without options' })
    const expected = expectedFrom(options, options.hasRevision() ? options.getRevision() : undefined)
    const name = streamName(options.getStreamIdentifier())
    const outcome = log.append(name, expected, proposed)
    if (!outcome.ok && 'deleted' in outcome) return callback(streamDeletedError(name))
    if (!outcome.ok) return callback(null, appendWrongExpectedVersion(outcome.currentRevision, outcome.expected))
    const success = new AppendResp.Success()
      .setCurrentRevision(String(outcome.currentRevision))
      .setPosition(new AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()))
    callback(null, new AppendResp().setSuccess(success))
  })
}

/**
 * Requests are grouped by correlation id until `is_final`; only the first carries the options. The response
 * must carry `stream_identifier` even on errors: the client reads it there.
 */
export const batchAppendHandler = (log: DoubleLog) => (call: grpc.ServerDuplexStream<streamsPb.BatchAppendReq, streamsPb.BatchAppendResp>): void => {
  const pending = new Map<string, { options?: streamsPb.BatchAppendReq.Options; proposed: ProposedRecord[] }>()
  call.on('data', (req: streamsPb.BatchAppendReq) => {
    const correlation = uuidToString(req.getCorrelationId())
    const batch = pending.get(correlation) ?? { proposed: [] }
    if (req.hasOptions()) batch.options = req.getOptions()
    batch.proposed.push(...req.getProposedMessagesList().map(proposedRecord))
    pending.set(correlation, batch)
    if (!req.getIsFinal()) return
    pending.delete(correlation)
    const o = batch.options!
    const name = streamName(o.getStreamIdentifier())
    const expected = expectedFrom(o, o.hasStreamPosition() ? o.getStreamPosition() : undefined)
    const outcome: AppendOutcome = log.append(name, expected, batch.proposed)
    const resp = new BatchAppendResp().setCorrelationId(req.getCorrelationId()).setStreamIdentifier(streamIdentifier(name))
    if (expected.kind === 'revision') resp.setStreamPosition(String(expected.revision))
    else if (expected.kind === 'no_stream') resp.setNoStream(emptyMessage())
    else if (expected.kind === 'stream_exists') resp.setStreamExists(emptyMessage())
    else resp.setAny(emptyMessage())
    if (!outcome.ok && 'deleted' in outcome) resp.setError(batchStreamDeleted(name))
    else if (!outcome.ok) resp.setError(batchWrongExpectedVersion(outcome.currentRevision, outcome.expected))
    else {
      resp.setSuccess(new BatchAppendResp.Success().setCurrentRevision(String(outcome.currentRevision)).setPosition(allPosition(outcome.position)))
    }
    call.write(resp)
  })
  call.on('end', () => call.end())
}

interface DeleteLikeReq {
  getOptions(): {
    getStreamIdentifier(): Parameters<typeof streamName>[0]
    hasAny(): boolean
    hasNoStream(): boolean
    hasStreamExists(): boolean
    hasRevision(): boolean
    getRevision(): string
  } | undefined
}

/**
 * `Streams.Delete` (soft) and `Streams.Tombstone` (hard), unary. A conflict or a tombstoned stream is a gRPC
 * error with trailers (`exception: wrong-expected-version | stream-deleted`), as the client expects.
 */
export const deleteHandler = (log: DoubleLog, hard: boolean) => (
  call: grpc.ServerUnaryCall<DeleteLikeReq, unknown>,
  callback: grpc.sendUnaryData<unknown>
): void => {
  const o = call.request.getOptions()
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- gRPC status codes as the wire numbers (3 = INVALID_ARGUMENT)
  if (!o) return callback({ code: 3, details: 'delete without options' })
  const name = streamName(o.getStreamIdentifier())
  const expected = expectedFrom(o, o.hasRevision() ? o.getRevision() : undefined)
  const outcome = log.delete(name, expected, hard)
  if (!outcome.ok && 'deleted' in outcome) return callback(streamDeletedError(name))
  if (!outcome.ok) return callback(wrongExpectedVersionError(name, outcome.currentRevision, outcome.expected))
  const p = outcome.position.toString()
  callback(null, hard
    ? new TombstoneResp().setPosition(new TombstoneResp.Position().setCommitPosition(p).setPreparePosition(p))
    : new DeleteResp().setPosition(new DeleteResp.Position().setCommitPosition(p).setPreparePosition(p)))
}
