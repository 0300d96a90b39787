import { timingSafeEqual } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { badRequest, forbidden, missingParameter, notFound, type KmsError } from '../../../domain/errors.ts'
import type { Clock } from '../../../domain/ports/clock.ts'
import type { ApiRequest } from '../wire/request.ts'
import type { AccessKey, AccessKeyStore } from '../../../domain/ports/access-keys.ts'
import { acs3CanonicalRequest, acs3StringToSign, parseAcs3Authorization, sha256Hex } from './acs3.ts'
import { NonceCache, type NonceVerdict } from './nonce-cache.ts'
import type { NonceJournal } from './nonce-journal.ts'
import { rpcV1StringToSign } from './rpc-v1.ts'
import { HmacKeys } from './hmac-keys.ts'

export interface Authenticated {
  readonly accessKey: AccessKey
  readonly scheme: 'rpc-v1' | 'acs3'
}

export interface VerifierOptions {
  readonly keys: AccessKeyStore
  readonly clock: Clock
  /** How far a request's time may lag the server's (default 15 minutes, API reference §3.1). */
  readonly windowSeconds?: number
  /**
   * How far a request's time may run ahead of the server's (default 5 minutes). Narrower than the lag: a nonce
   * must be remembered until its time leaves the window, so a far-future timestamp would pin memory longer.
   */
  readonly aheadSeconds?: number
  readonly maxNonces?: number
  readonly maxNoncesPerKey?: number
  /**
   * Where nonces are remembered: this process's cache by default; `serve --workers` passes the primary's, shared
   * by every worker, so a request replayed to another worker is refused too (adapters/cluster).
   */
  readonly nonces?: NonceRegistry
  /**
   * A record of accepted nonces shared with other nodes (on EventStoreDB, adapters/store/esdb/nonce-record.ts):
   * asked after this process's own registry found the nonce fresh, so a request served by another node and
   * replayed here is refused as a local replay is. Without it, replay protection is per node.
   */
  readonly sharedNonces?: NonceClaims
  /** Accepted nonces kept beyond the process (nonce-journal.ts); without it, replay protection ends at a restart. */
  readonly journal?: NonceJournal
  /**
   * The Host values this server answers for (`name` or `name:port`). ACS3 signs `host`, so with a list a request
   * signed for another node (captured there, replayed here) is refused. Empty: any host (one node, or RPC v1 only).
   */
  readonly hosts?: readonly string[]
}

/** Remembers a nonce within the replay window; the verdict may come from another process. */
export interface NonceRegistry {
  remember(accessKeyId: string, nonce: string, requestTimeMs: number, nowMs: number): NonceVerdict | Promise<NonceVerdict>
}

/** Claims a nonce in a record several nodes share: `used` when any node (this one included) claimed it first. */
export interface NonceClaims {
  claim(accessKeyId: string, nonce: string, requestTimeMs: number): Promise<'fresh' | 'used'>
}

/** How many accepted requests between two prunings of the journal's expired rows. */
const PRUNE_EVERY = 1000

const incomplete = (why: string): KmsError => badRequest('IncompleteSignature', `The request signature does not conform to Alibaba Cloud standards. ${why}`)
const mismatch = (why = ''): KmsError => badRequest('SignatureDoesNotMatch', `Specified signature is not matched with our calculation.${why ? ` ${why}` : ''}`)
const illegalTimestamp = (name: string): KmsError => badRequest('IllegalTimestamp', `The input parameter "${name}" that is mandatory for processing this request is not supplied or not valid; use UTC yyyy-MM-ddTHH:mm:ssZ.`)
const expired = (): KmsError => badRequest('InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired or too far in the future.')
const nonceUsed = (): KmsError => badRequest('SignatureNonceUsed', 'Specified signature nonce was used already.')
const nonceRoomFull = (): KmsError => ({
  code: 'Rejected.Throttling', httpStatus: 429,
  message: 'QPS Limit Exceeded: too many requests with this access key within the replay window; retry later.',
})
const unknownKey = (): KmsError => notFound('InvalidAccessKeyId.NotFound', 'Specified access key is not found.')
const disabledKey = (): KmsError => forbidden('Forbidden.AccessKey', 'The access key is disabled.')
export const stsNotSupported = (): KmsError =>
  forbidden('InvalidSecurityToken.NotSupported', 'STS security tokens are not supported by this service; sign with an access key.')

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/
const NONCE = /^[\x21-\x7e]{1,128}$/
const ALWAYS_SIGNED = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']
/**
 * Headers the ACS3 signature must cover when present, so no unsigned header can change what a request means
 * (`host` too, but it is in ALWAYS_SIGNED, checked first).
 */
const MUST_SIGN = (name: string): boolean => name === 'content-type' || name.startsWith('x-acs-')

/** A listed `name:port` matches exactly; a listed bare `name` matches it on any port. Case-insensitive (DNS). */
const hostServed = (hosts: readonly string[], host: string): boolean => {
  const given = host.trim().toLowerCase()
  const bare = given.replace(/:\d+$/, '')
  return hosts.some((h) => {
    const want = h.toLowerCase()
    return want === given || (!/:\d+$/.test(want) && want === bare)
  })
}

/** Equal-length buffers through timingSafeEqual; a length difference still costs one comparison. */
const sameSecretText = (expected: string, given: string): boolean => {
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(given, 'utf8')
  if (a.length !== b.length) {
    timingSafeEqual(a, a)
    return false
  }
  return timingSafeEqual(a, b)
}

/**
 * Authenticates a request signed with RPC v1 (`Signature` parameter) or ACS3-HMAC-SHA256 (`Authorization`
 * header), then checks freshness (timestamp window) and replay (nonce). The clock and window are parameters so
 * the captured vectors, signed long ago, can be verified with a pinned clock.
 */
export class RequestVerifier {
  private readonly windowMs: number
  private readonly aheadMs: number
  private readonly nonces: NonceRegistry

  constructor(private readonly options: VerifierOptions) {
    this.windowMs = (options.windowSeconds ?? 900) * 1000
    this.aheadMs = Math.min(this.windowMs, (options.aheadSeconds ?? 300) * 1000)
    this.nonces = options.nonces ?? new NonceCache(this.windowMs, options.maxNonces, options.maxNoncesPerKey)
    const now = options.clock.now().getTime()
    // Nonces accepted before a restart stay used for the rest of their window (nonce-journal.ts).
    for (const n of options.journal?.live(now - this.windowMs) ?? []) void this.nonces.remember(n.accessKeyId, n.nonce, n.at, now)
  }

  private accepted = 0
  /** The HMAC keys of the access keys that sign, each dropped when its key is gone, disabled or rotated (hmac-keys.ts). */
  readonly hmacKeys = new HmacKeys()

  /** The access key as the store has it now; one it no longer knows leaves nothing behind in `hmacKeys`. */
  private async known(accessKeyId: string): Promise<AccessKey | undefined> {
    const key = await this.options.keys.find(accessKeyId)
    if (!key) this.hmacKeys.forget(accessKeyId)
    return key
  }

  async verify(req: ApiRequest): Promise<E.Either<KmsError, Authenticated>> {
    if (req.params.has('SecurityToken') || req.headers['x-acs-security-token'] !== undefined) return E.left(stsNotSupported())
    const authorization = req.headers['authorization']
    if (authorization !== undefined) {
      if (req.params.has('Signature')) return E.left(incomplete('Sign with either the Signature parameter or the Authorization header.'))
      return this.verifyAcs3(req, authorization)
    }
    if (req.params.has('Signature')) return this.verifyRpcV1(req)
    return E.left(incomplete('The request is not signed.'))
  }

  private async verifyRpcV1(req: ApiRequest): Promise<E.Either<KmsError, Authenticated>> {
    const p = req.params
    const signature = p.get('Signature')!
    const accessKeyId = p.get('AccessKeyId')
    if (!accessKeyId) return E.left(missingParameter('AccessKeyId'))
    if (p.get('SignatureMethod') !== 'HMAC-SHA1') return E.left(incomplete('SignatureMethod must be HMAC-SHA1.'))
    if (p.get('SignatureVersion') !== '1.0') return E.left(incomplete('SignatureVersion must be 1.0.'))
    const timestamp = p.get('Timestamp')
    if (!timestamp || !TIMESTAMP.test(timestamp) || Number.isNaN(Date.parse(timestamp))) return E.left(illegalTimestamp('Timestamp'))
    const nonce = p.get('SignatureNonce')
    if (!nonce) return E.left(missingParameter('SignatureNonce'))
    if (!NONCE.test(nonce)) return E.left(incomplete('SignatureNonce is 1 to 128 printable characters.'))
    const key = await this.known(accessKeyId)
    if (!key) return E.left(unknownKey())
    const expected = this.hmacKeys.hmac(key, 'rpc-v1', 'sha1', rpcV1StringToSign(req.method, p)).toString('base64')
    if (!sameSecretText(expected, signature)) return E.left(mismatch())
    return this.fresh(key, 'rpc-v1', timestamp, nonce)
  }

  private async verifyAcs3(req: ApiRequest, header: string): Promise<E.Either<KmsError, Authenticated>> {
    const auth = parseAcs3Authorization(header)
    if (!auth) return E.left(incomplete('Authorization is ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<h;…>,Signature=<hex>.'))
    const signed = auth.signedHeaders
    const sorted = [...new Set(signed)].sort()
    if (sorted.length !== signed.length || sorted.some((h, i) => h !== signed[i]))
      return E.left(incomplete('SignedHeaders are lowercase, sorted and unique.'))
    const missing = ALWAYS_SIGNED.find((h) => !signed.includes(h))
    if (missing) return E.left(incomplete(`SignedHeaders must include ${missing}.`))
    const absent = signed.find((h) => req.headers[h] === undefined)
    if (absent) return E.left(incomplete(`The signed header ${absent} is missing.`))
    const unsigned = Object.keys(req.headers).find((h) => MUST_SIGN(h) && req.headers[h] !== undefined && !signed.includes(h))
    if (unsigned) return E.left(incomplete(`The header ${unsigned} must be signed.`))
    const hosts = this.options.hosts ?? []
    if (hosts.length > 0 && !hostServed(hosts, req.headers['host']!))
      return E.left(mismatch(`The request was signed for host ${JSON.stringify(req.headers['host']!.slice(0, 255))}, which this server does not answer for.`))
    const date = req.headers['x-acs-date']!
    if (!TIMESTAMP.test(date) || Number.isNaN(Date.parse(date))) return E.left(illegalTimestamp('x-acs-date'))
    const nonce = req.headers['x-acs-signature-nonce']!
    if (!NONCE.test(nonce)) return E.left(incomplete('x-acs-signature-nonce is 1 to 128 printable characters.'))
    const payloadHash = sha256Hex(req.body)
    if (!sameSecretText(payloadHash, req.headers['x-acs-content-sha256']!.toLowerCase())) // signed, so present (above)
      return E.left(mismatch('x-acs-content-sha256 is not the SHA-256 of the body.'))
    const key = await this.known(auth.accessKeyId)
    if (!key) return E.left(unknownKey())
    const canonical = acs3CanonicalRequest({ method: req.method, path: req.path, query: req.query, headers: req.headers, signedHeaders: signed, payloadHash })
    const expected = this.hmacKeys.hmac(key, 'acs3', 'sha256', acs3StringToSign(canonical)).toString('hex')
    if (!sameSecretText(expected, auth.signature)) return E.left(mismatch())
    return this.fresh(key, 'acs3', date, nonce)
  }

  /** Makes the nonces accepted so far durable as the journal promises: the server calls it before any answer leaves. */
  settle(): void {
    this.options.journal?.flush()
  }

  /**
   * `answer` once the nonces accepted so far are durable, as `settle` promises, but sharing the journal's write
   * at the end of this turn with every other answer of the turn (nonce-journal.ts); `fault` when that write failed
   * for a reason other than the storage's (the answer must then not leave).
   */
  whenSettled(answer: (fault?: unknown) => void): void {
    const journal = this.options.journal
    if (journal) journal.afterFlush(answer)
    else answer()
  }

  /** Checked only after the signature holds, so an unsigned request can neither probe nor burn nonces. */
  private async fresh(key: AccessKey, scheme: Authenticated['scheme'], timestamp: string, nonce: string): Promise<E.Either<KmsError, Authenticated>> {
    const now = this.options.clock.now().getTime()
    const at = Date.parse(timestamp)
    if (now - at > this.windowMs || at - now > this.aheadMs) return E.left(expired())
    if (!key.enabled) return E.left(disabledKey())
    const verdict = await this.nonces.remember(key.accessKeyId, nonce, at, now)
    if (verdict === 'used') return E.left(nonceUsed())
    if (verdict === 'busy') return E.left(nonceRoomFull())
    if (this.options.sharedNonces && (await this.options.sharedNonces.claim(key.accessKeyId, nonce, at)) === 'used') return E.left(nonceUsed())
    const journal = this.options.journal
    if (journal) {
      journal.record({ accessKeyId: key.accessKeyId, nonce, at })
      if (++this.accepted % PRUNE_EVERY === 0) journal.prune(now - this.windowMs)
    }
    return E.right({ accessKey: key, scheme })
  }
}
