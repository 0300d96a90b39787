import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { conflict, invalidParameter, type KmsError } from '../domain/errors.ts'
import type { RecordedEvent } from '../domain/kernel/envelope.ts'
import type { EventStore, ExpectedRevision } from '../domain/ports/event-store.ts'
import type { IdGenerator } from '../domain/ports/ids.ts'

// Idempotent writes (issue 17, item 2; docs/http-api.md "Idempotent writes"). A writing call that carries a client
// token is run at most once per (caller, token) within 24 hours: a retry with the same parameters gets the first
// answer (its RequestId too) and appends nothing; other parameters get a 409.
//
// The token lives in its own stream, `idempotency-<sha256(account, principal, token)>`, so it is durable, survives
// restarts and is shared by every node on EventStoreDB. Who runs the call is decided by an append with an expected
// revision: of N concurrent retries exactly one claim lands, the others wait for its answer.
//   IdempotencyClaimed   a request took the token (its fingerprint, request id, when)
//   IdempotentAnswer     the claim's request succeeded: its answer, replayed to every retry
//   IdempotencyReleased  the claim's request failed and wrote nothing: the token is free again
// Answers of writing operations hold metadata only (key ids, states, dates), never key material.

export const IDEMPOTENCY_STREAM_PREFIX = 'idempotency-'
/** The schema version stamped on this stream's events (metadata `schemaVersion`). */
export const IDEMPOTENCY_SCHEMA_VERSION = 1
/** How long a token answers with its first answer (Stripe's and this 24 hours). */
export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000
/**
 * How long a claim without an answer holds the token. A process that died between its claim and its answer
 * leaves such a claim; after this a retry may take the token over (and run the call again).
 */
export const CLAIM_LEASE_MS = 60_000
/** How long a retry waits for a concurrent claim's answer before it is told the call is still in flight. */
const WAIT_FOR_ANSWER_MS = 10_000
const POLL_MS = 25
const MAX_ATTEMPTS = 1000

export const TOKEN_MISMATCH = 'IdempotentParameterMismatch'
export const TOKEN_IN_FLIGHT = 'IdempotentRequestInProgress'

export const tokenMismatch = (): KmsError =>
  conflict('IdempotentParameterMismatch', 'The client token was already used by this caller with different parameters within 24 hours. Use a new token for a new request.')
export const tokenInFlight = (): KmsError =>
  conflict('IdempotentRequestInProgress', 'A request with this client token is still running. Retry later with the same token.')

/** 1 to 64 printable ASCII characters, as ClientToken elsewhere in Alibaba Cloud's APIs. */
export const checkClientToken = (name: string, token: string): E.Either<KmsError, string> =>
  /^[\x21-\x7e]{1,64}$/.test(token) ? E.right(token) : E.left(invalidParameter(name, 'A client token is 1 to 64 printable ASCII characters.'))

export interface TokenOwner {
  readonly accountId: string
  readonly principal: string
}

/** The stream a caller's token lives in: hashed, so a token's text never names a stream or shows in a listing. */
export const tokenStream = (owner: TokenOwner, token: string): string =>
  IDEMPOTENCY_STREAM_PREFIX + createHash('sha256').update(`${owner.accountId}\u0000${owner.principal}\u0000${token}`).digest('hex')

/** What makes two calls "the same": the action and every declared parameter but the token, in name order. */
export const fingerprintOf = (action: string, params: ReadonlyMap<string, string>): string => {
  const pairs = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return createHash('sha256').update(JSON.stringify([action, pairs])).digest('hex')
}

export interface Answer {
  readonly requestId: string
  readonly fields: Record<string, unknown>
}

interface Claim {
  readonly fingerprint: string
  readonly requestId: string
  readonly at: number
}

type TokenState =
  | { readonly kind: 'free'; readonly expected: ExpectedRevision }
  | { readonly kind: 'claimed'; readonly claim: Claim }
  | { readonly kind: 'answered'; readonly claim: Claim; readonly answer: Answer }

const fold = (events: readonly RecordedEvent[], now: number): TokenState => {
  let state: { kind: 'free' } | Exclude<TokenState, { kind: 'free' }> = { kind: 'free' }
  for (const e of events) {
    const d = e.data as Record<string, unknown>
    if (e.type === 'IdempotencyClaimed')
      state = { kind: 'claimed', claim: { fingerprint: String(d['fingerprint']), requestId: String(d['requestId']), at: Date.parse(String(d['claimedAt'])) } }
    else if (e.type === 'IdempotentAnswer' && state.kind === 'claimed')
      state = { kind: 'answered', claim: state.claim, answer: { requestId: state.claim.requestId, fields: d['answer'] as Record<string, unknown> } }
    else if (e.type === 'IdempotencyReleased') state = { kind: 'free' }
  }
  const last = events[events.length - 1]
  const free = { kind: 'free', expected: last ? last.revision : 'no_stream' } as const
  if (state.kind === 'free') return free
  // 24 hours after its claim a token is new again.
  if (now - state.claim.at >= TOKEN_LIFETIME_MS) return free
  // A claim nobody answered within its lease: its process is gone; the token may be taken over.
  if (state.kind === 'claimed' && now - state.claim.at >= CLAIM_LEASE_MS) return free
  return state
}

export interface IdempotentCall {
  readonly owner: TokenOwner
  readonly token: string
  readonly fingerprint: string
  /** This request's id: the answer's RequestId if this request runs the call. */
  readonly requestId: string
  readonly now: Date
}

/**
 * Runs `run` at most once per token (see above). Returns the answer and the RequestId it goes out with: this
 * request's when it ran the call, the first request's when it replays.
 */
export class IdempotentWrites {
  constructor(
    private readonly store: EventStore,
    private readonly ids: IdGenerator,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async run(call: IdempotentCall, run: () => Promise<E.Either<KmsError, Record<string, unknown>>>): Promise<{ readonly requestId: string; readonly result: E.Either<KmsError, Record<string, unknown>> }> {
    const stream = tokenStream(call.owner, call.token)
    const mine = { requestId: call.requestId }
    const waitUntil = Date.now() + WAIT_FOR_ANSWER_MS
    for (let attempt = 0; ; attempt++) {
      // Each lost claim means another request claimed or released the token since we read it; that is bounded.
      if (attempt > MAX_ATTEMPTS) throw new Error(`client token stream ${stream}: the claim kept losing to other requests`)
      const state = fold(await this.store.readStream(stream), call.now.getTime())
      if (state.kind === 'answered') {
        if (state.claim.fingerprint !== call.fingerprint) return { ...mine, result: E.left(tokenMismatch()) }
        return { requestId: state.answer.requestId, result: E.right(state.answer.fields) }
      }
      if (state.kind === 'claimed') {
        if (state.claim.fingerprint !== call.fingerprint) return { ...mine, result: E.left(tokenMismatch()) }
        if (Date.now() >= waitUntil) return { ...mine, result: E.left(tokenInFlight()) }
        await this.sleep(POLL_MS)
        continue
      }
      const claimed = await this.store.append(stream, state.expected, [this.event(call, 'IdempotencyClaimed', {
        fingerprint: call.fingerprint, requestId: call.requestId, claimedAt: call.now.toISOString(),
      })])
      if (E.isLeft(claimed)) continue // another request claimed it first: read again, then wait for its answer
      return { ...mine, result: await this.settle(stream, claimed.right.lastRevision, call, run) }
    }
  }

  /** Runs the claimed call and records how it ended: its answer, or the token released when it failed. */
  private async settle(stream: string, claim: number, call: IdempotentCall, run: () => Promise<E.Either<KmsError, Record<string, unknown>>>) {
    let result: E.Either<KmsError, Record<string, unknown>>
    try {
      result = await run()
    } catch (fault) {
      await this.store.append(stream, claim, [this.event(call, 'IdempotencyReleased', { requestId: call.requestId, outcome: 'fault' })])
      throw fault
    }
    const outcome = E.isRight(result)
      ? this.event(call, 'IdempotentAnswer', { requestId: call.requestId, answer: result.right })
      : this.event(call, 'IdempotencyReleased', { requestId: call.requestId, outcome: result.left.code })
    // The write itself stands whatever happens here; a lost record only lets a retry after the lease run again.
    await this.store.append(stream, claim, [outcome])
    return result
  }

  private event(call: IdempotentCall, type: string, data: Record<string, unknown>) {
    return {
      eventId: this.ids.eventId(), type, data,
      metadata: {
        principal: call.owner.principal, requestId: call.requestId, occurredAt: call.now.toISOString(),
        correlationId: call.requestId, causationId: call.requestId, schemaVersion: IDEMPOTENCY_SCHEMA_VERSION,
      },
    }
  }
}
