// `Streams.Read`: stream reads, `$all` reads, and subscriptions to `$all` or to one stream.
import * as grpc from '@grpc/grpc-js'
import { randomUUID } from 'node:crypto'
import type streamsPb from '@eventstore/db-client/generated/streams_pb.js'
import type { DoubleLog, DoubleRecord } from './log.ts'
import { checkpoint, ReadResp, readEvent, streamDeletedError, streamIdentifier, streamName } from './wire.ts'

type ReadCall = grpc.ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>
type Options = streamsPb.ReadReq.Options

/** Server-side filters: prefixes or a regex, on the stream name or the event type. */
const recordFilter = (o: Options): ((r: DoubleRecord) => boolean) => {
  if (!o.hasFilter()) return () => true
  const f = o.getFilter()!
  const onStream = f.hasStreamIdentifier()
  const expr = (onStream ? f.getStreamIdentifier() : f.getEventType())!
  const prefixes = expr.getPrefixList()
  const regex = expr.getRegex() ? new RegExp(expr.getRegex()) : undefined
  return (r) => {
    const subject = onStream ? r.streamId : r.type
    if (prefixes.length) return prefixes.some((p) => subject.startsWith(p))
    return regex ? regex.test(subject) : true
  }
}

export const readHandler = (log: DoubleLog, live: LiveCalls) => (call: ReadCall): void => {
  const o = call.request.getOptions()
  if (!o) return void call.destroy(Object.assign(new Error('options required'), { code: grpc.status.INVALID_ARGUMENT }))
  const structured = o.getUuidOption()?.hasStructured() ?? false
  if (o.hasSubscription()) {
    return o.hasAll() ? subscribeAll(log, live, call, o, structured) : subscribeStream(log, live, call, o, structured)
  }
  const count = o.hasCount() ? Number(o.getCount()) : Number.MAX_SAFE_INTEGER
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- the protobuf enum as its wire number (1 = Backwards)
  const backwards = o.getReadDirection() === 1
  if (o.hasStream()) {
    const so = o.getStream()!
    const name = streamName(so.getStreamIdentifier())
    if (log.tombstoned(name)) return void call.emit('error', streamDeletedError(name))
    const stream = log.stream(name)
    if (!stream) {
      // The client wants a StreamNotFound MESSAGE, then the end of the call; an error status would not do.
      call.write(new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name))))
      return void call.end()
    }
    // Revisions, not indexes: after a soft delete the live records start above 0.
    const last = stream.at(-1)!.revision
    const from = so.hasRevision() ? Number(so.getRevision()) : so.hasEnd() || backwards ? last : 0
    const picked = backwards ? stream.filter((r) => r.revision <= from).reverse() : so.hasEnd() ? [] : stream.filter((r) => r.revision >= from)
    for (const r of picked.slice(0, count)) call.write(readEvent(r, false, structured))
    return void call.end()
  }
  const ao = o.getAll()!
  const keep = recordFilter(o)
  const at = ao.hasPosition() ? BigInt(ao.getPosition()!.getCommitPosition()) : undefined
  // Forwards from a position is INCLUSIVE, backwards from a position EXCLUSIVE (the notes' reading of the docs;
  // UNVERIFIED on a real server). The adapter drops events at or before its `after`, so either way is safe.
  const picked = backwards
    ? log.records.filter((r) => !ao.hasStart() && (at === undefined || r.position < at)).reverse()
    : log.records.filter((r) => !ao.hasEnd() && (at === undefined || r.position >= at))
  let sent = 0
  for (const r of picked) {
    if (sent >= count) break
    if (!keep(r)) continue
    call.write(readEvent(r, true, structured))
    sent++
  }
  call.end()
}

/**
 * Catch-up then live delivery. The order of messages follows the notes (§2.3): confirmation, catch-up events,
 * caughtUp, a checkpoint when filtered, then live events. Resume positions are EXCLUSIVE (client docs: "you
 * will only receive the next event after the subscribed position"). With a filter, a checkpoint goes out every
 * `checkpointIntervalMultiplier × 32` scanned records, carrying the position of the last record scanned
 * (UNVERIFIED: real cadence and whether that position is inclusive, notes §2.7).
 */
const subscribeAll = (log: DoubleLog, live: LiveCalls, call: ReadCall, o: Options, structured: boolean): void => {
  const ao = o.getAll()!
  const keep = recordFilter(o)
  const filtered = o.hasFilter()
  const window = filtered ? (o.getFilter()!.getCheckpointintervalmultiplier() || 1) * (o.getFilter()!.hasMax() ? o.getFilter()!.getMax() : 32) : Infinity
  let scanned = 0
  const scan = (r: DoubleRecord) => {
    if (keep(r)) call.write(readEvent(r, true, structured))
    if (++scanned >= window) {
      scanned = 0
      call.write(checkpoint(r.position))
    }
  }
  call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())))
  const after = ao.hasEnd() ? log.lastPosition() : ao.hasPosition() ? BigInt(ao.getPosition()!.getCommitPosition()) : -1n
  // Catch-up runs synchronously over the in-memory log, so no append can slip between it and the live listener.
  for (const r of log.records) if (r.position > after) scan(r)
  call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()))
  if (filtered) call.write(checkpoint(log.lastPosition()))
  attachLive(log, live, call, scan)
}

/**
 * A catch-up subscription to one stream (`subscribeToStream`): confirmation, the stream's events after the
 * revision (EXCLUSIVE, as for `$all`: "the next event after the subscribed position"; from the start when
 * `start`, nothing old when `end`), caughtUp, then the stream's live events. A stream that does not exist yet is
 * no error: the subscription waits for its first event. A tombstoned stream is refused as a read of it is.
 */
const subscribeStream = (log: DoubleLog, live: LiveCalls, call: ReadCall, o: Options, structured: boolean): void => {
  const so = o.getStream()!
  const name = streamName(so.getStreamIdentifier())
  if (log.tombstoned(name)) return void call.emit('error', streamDeletedError(name))
  const send = (r: DoubleRecord) => {
    if (r.streamId === name) call.write(readEvent(r, false, structured))
  }
  call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())))
  const stream = log.stream(name) ?? []
  const after = so.hasEnd() ? (stream.at(-1)?.revision ?? -1) : so.hasRevision() ? Number(so.getRevision()) : -1
  for (const r of stream) if (r.revision > after) send(r)
  call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()))
  attachLive(log, live, call, send)
}

const attachLive = (log: DoubleLog, live: LiveCalls, call: ReadCall, listener: (r: DoubleRecord) => void): void => {
  const stopListening = log.onRecord(listener)
  const unsubscribe = () => {
    stopListening()
    live.delete(call)
  }
  live.set(call, unsubscribe)
  call.on('cancelled', unsubscribe)
  call.on('close', unsubscribe)
  call.on('error', unsubscribe)
}

/** The live subscription calls of one server, so that stopping it detaches them from the log. */
export type LiveCalls = Map<ReadCall, () => void>
