// Protobuf plumbing of the double. The messages come from the client package's own generated code (the notes,
// §2.1 and §2.5): the SAME copy the client loads, because jspb registers classes on a process-global namespace.
import * as grpc from '@grpc/grpc-js'
import anyPb from 'google-protobuf/google/protobuf/any_pb.js'
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js'
import sharedPb from '@eventstore/db-client/generated/shared_pb.js'
import statusPb from '@eventstore/db-client/generated/status_pb.js'
import streamsPb from '@eventstore/db-client/generated/streams_pb.js'
import type { DoubleExpected, DoubleRecord } from './log.ts'

export const { ReadReq, ReadResp, AppendReq, AppendResp, BatchAppendReq, BatchAppendResp, DeleteResp, TombstoneResp } = streamsPb
export type ReadReq = streamsPb.ReadReq

export const uuidToString = (uuid: sharedPb.UUID | undefined): string => {
  if (!uuid) return ''
  if (!uuid.hasStructured()) return uuid.getString()
  const s = uuid.getStructured()!
  const hex = (v: string) => BigInt.asUintN(64, BigInt(v)).toString(16).padStart(16, '0')
  const h = hex(s.getMostSignificantBits()) + hex(s.getLeastSignificantBits())
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const structuredUuid = (id: string): sharedPb.UUID => {
  const hex = id.replace(/-/g, '')
  const s = new sharedPb.UUID.Structured()
  s.setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString())
  s.setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString())
  return new sharedPb.UUID().setStructured(s)
}

export const streamIdentifier = (name: string): sharedPb.StreamIdentifier =>
  new sharedPb.StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'))

export const streamName = (id: sharedPb.StreamIdentifier | undefined): string =>
  id ? Buffer.from(id.getStreamName_asU8()).toString('utf8') : ''

/**
 * One event as a Read answers it. Record positions are set on stream reads too, but `ReadEvent.commit_position`
 * only on `$all` reads: UNVERIFIED whether a real server reports positions on stream reads (notes §2.7; older
 * servers answered 2^64-1 there, EventStore-Client-Go#88).
 */
export const readEvent = (r: DoubleRecord, fromAll: boolean, structured: boolean): streamsPb.ReadResp => {
  const rec = new ReadResp.ReadEvent.RecordedEvent()
  rec.setId(structured ? structuredUuid(r.eventId) : new sharedPb.UUID().setString(r.eventId))
  rec.setStreamIdentifier(streamIdentifier(r.streamId))
  rec.setStreamRevision(String(r.revision))
  rec.setCommitPosition(r.position.toString())
  rec.setPreparePosition(r.position.toString())
  rec.getMetadataMap().set('type', r.type).set('content-type', r.contentType).set('created', r.created.toString())
  rec.setCustomMetadata(r.metadata)
  rec.setData(r.data)
  const ev = new ReadResp.ReadEvent().setEvent(rec)
  if (fromAll) ev.setCommitPosition(r.position.toString())
  else ev.setNoPosition(new sharedPb.Empty())
  return new ReadResp().setEvent(ev)
}

export const checkpoint = (position: bigint): streamsPb.ReadResp =>
  new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(position.toString()).setPreparePosition(position.toString()))

export const expectedFrom = (o: {
  hasAny(): boolean
  hasNoStream(): boolean
  hasStreamExists(): boolean
}, revision: string | undefined): DoubleExpected =>
  o.hasNoStream() ? { kind: 'no_stream' } : o.hasStreamExists() ? { kind: 'stream_exists' } : revision !== undefined ? { kind: 'revision', revision: Number(revision) } : { kind: 'any' }

/** The legacy Append path reports a conflict inside `AppendResp`, not as a gRPC error. */
export const appendWrongExpectedVersion = (current: number, expected: DoubleExpected): streamsPb.AppendResp => {
  const w = new AppendResp.WrongExpectedVersion()
  if (current >= 0) w.setCurrentRevision(String(current))
  else w.setCurrentNoStream(new sharedPb.Empty())
  if (expected.kind === 'revision') w.setExpectedRevision(String(expected.revision))
  else if (expected.kind === 'no_stream') w.setExpectedNoStream(new sharedPb.Empty())
  else if (expected.kind === 'stream_exists') w.setExpectedStreamExists(new sharedPb.Empty())
  else w.setExpectedAny(new sharedPb.Empty())
  return new AppendResp().setWrongExpectedVersion(w)
}

/**
 * BatchAppend reports a conflict as a `google.rpc.Status` whose detail is an `Any` named exactly
 * `event_store.client.WrongExpectedVersion` (the client's `unpackToCommandError` switches on that name).
 */
export const batchWrongExpectedVersion = (current: number, expected: DoubleExpected): statusPb.Status => {
  const w = new sharedPb.WrongExpectedVersion()
  if (current >= 0) w.setCurrentStreamRevision(String(current))
  else w.setCurrentNoStream(new emptyPb.Empty())
  if (expected.kind === 'revision') w.setExpectedStreamPosition(String(expected.revision))
  else if (expected.kind === 'no_stream') w.setExpectedNoStream(new emptyPb.Empty())
  else if (expected.kind === 'stream_exists') w.setExpectedStreamExists(new emptyPb.Empty())
  else w.setExpectedAny(new emptyPb.Empty())
  const details = new anyPb.Any()
  details.pack(w.serializeBinary(), 'event_store.client.WrongExpectedVersion')
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- gRPC status codes as the wire numbers
  return new statusPb.Status().setCode(9 /* FAILED_PRECONDITION */).setMessage('WrongExpectedVersion').setDetails(details)
}

export const allPosition = (p: bigint): sharedPb.AllStreamPosition =>
  new sharedPb.AllStreamPosition().setCommitPosition(p.toString()).setPreparePosition(p.toString())

export const emptyMessage = (): emptyPb.Empty => new emptyPb.Empty()

/** Errors outside BatchAppend travel as gRPC trailers; the client's `convertToCommandError` switches on `exception`. */
const trailerError = (code: grpc.status, details: string, trailers: Record<string, string>): grpc.ServiceError => {
  const metadata = new grpc.Metadata()
  for (const [k, v] of Object.entries(trailers)) metadata.set(k, v)
  return Object.assign(new Error(details), { code, details, metadata })
}

export const streamDeletedError = (name: string): grpc.ServiceError =>
  trailerError(grpc.status.FAILED_PRECONDITION, `Event stream '${name}' is deleted.`, { exception: 'stream-deleted', 'stream-name': name })

/** Delete/Tombstone with a wrong expected revision: `actual-version` absent means "no stream". */
export const wrongExpectedVersionError = (name: string, current: number, expected: DoubleExpected): grpc.ServiceError =>
  trailerError(grpc.status.FAILED_PRECONDITION, 'WrongExpectedVersion', {
    exception: 'wrong-expected-version', 'stream-name': name,
    'expected-version': expected.kind === 'revision' ? String(expected.revision) : expected.kind === 'no_stream' ? '-1' : expected.kind === 'stream_exists' ? '-4' : '-2',
    ...(current >= 0 ? { 'actual-version': String(current) } : {}),
  })

/** BatchAppend to a tombstoned stream: an `Any`-packed `event_store.client.StreamDeleted` detail. */
export const batchStreamDeleted = (name: string): statusPb.Status => {
  const details = new anyPb.Any()
  details.pack(new sharedPb.StreamDeleted().setStreamIdentifier(streamIdentifier(name)).serializeBinary(), 'event_store.client.StreamDeleted')
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- gRPC status codes as the wire numbers
  return new statusPb.Status().setCode(9 /* FAILED_PRECONDITION */).setMessage('StreamDeleted').setDetails(details)
}
