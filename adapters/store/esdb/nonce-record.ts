import { createHash, randomUUID } from 'node:crypto'
import { jsonEvent, NO_STREAM, WrongExpectedVersionError, type EventStoreDBClient } from '@eventstore/db-client'
import { retryWhileUnavailable, type Backoff } from './backoff.ts'
import { NONCE_STREAM_PREFIX } from './events.ts'

// The shared nonce record of keyledger nodes on one EventStoreDB (issue 13, item 2; docs/architecture.md
// "Replay across nodes"). Each node's own cache and journal refuse a replay to that node; a request captured on
// node A and replayed to node B is refused only if B can see that A accepted its nonce. So every accepted nonce
// is also claimed in the database: an append to a stream named from the nonce with expected revision `no_stream`.
// EventStoreDB's optimistic concurrency is the uniqueness check: of two nodes claiming one nonce, only the first
// append succeeds; the other gets WrongExpectedVersion and answers the replay as a local one (SignatureNonceUsed).
// One round trip a request, on EventStoreDB only (the claim and its retention are sent together); SQLite nodes
// never use this. The stream's metadata `$maxAge` (the replay window, behind plus ahead) lets a scavenge drop the
// claim once no timestamp rule could accept its request any more.


/** `nonce-<hash>`: fixed length whatever the nonce (up to 128 characters), and per access key. */
export const nonceStream = (accessKeyId: string, nonce: string): string =>
  `${NONCE_STREAM_PREFIX}${createHash('sha256').update(accessKeyId).update('\n').update(nonce).digest('hex').slice(0, 40)}`

/** Fits the verifier's `NonceClaims` (adapters/http/auth/verifier.ts) structurally: the store does not import the HTTP adapter. */
export class EsdbNonceRecord {
  /**
   * @param keepSeconds how long a claim must stay: the replay window behind the server's clock plus ahead of it
   * @param onRetentionFailure told when the `$maxAge` could not be set (the claim holds; only its scavenging is lost)
   */
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly backoff: Backoff,
    private readonly keepSeconds: number,
    private readonly onRetentionFailure: (stream: string, err: unknown) => void = () => {}
  ) {}

  async claim(accessKeyId: string, nonce: string, requestTimeMs: number): Promise<'fresh' | 'used'> {
    const stream = nonceStream(accessKeyId, nonce)
    // One event id for every retry: a claim re-sent after a lost acknowledgement is an idempotent retry, not a replay.
    const event = jsonEvent({ id: randomUUID(), type: 'SignatureNonceUsed', data: { at: new Date(requestTimeMs).toISOString() } })
    const claim = retryWhileUnavailable(this.backoff, () => this.client.appendToStream(stream, event, { expectedRevision: NO_STREAM }))
    // `no_stream` on the metadata stream too: a replay, refused above, writes nothing here either.
    const retention = retryWhileUnavailable(this.backoff, () =>
      this.client.setStreamMetadata(stream, { maxAge: this.keepSeconds }, { expectedRevision: NO_STREAM }))
    const [claimed, retained] = await Promise.allSettled([claim, retention])
    if (retained.status === 'rejected' && !(retained.reason instanceof WrongExpectedVersionError)) this.onRetentionFailure(stream, retained.reason)
    if (claimed.status === 'fulfilled') return 'fresh'
    if (claimed.reason instanceof WrongExpectedVersionError) return 'used'
    throw claimed.reason
  }
}
