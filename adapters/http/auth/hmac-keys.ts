import { createHmac, createSecretKey, type KeyObject } from 'node:crypto'
import type { AccessKey } from '../../../domain/ports/access-keys.ts'

// The HMAC keys the signature schemes use, made once per access key (issue 11): from a string, Node converts and
// imports the key on every request. Kept per access key id, holding the secret it was made from, and only while
// that access key signs with it: a lookup that finds the key gone, disabled, or with another secret (rotated)
// drops or replaces the entry, so no secret outlives its access key here (review finding of issue 11: the first
// cache was keyed by the secret itself and kept up to 1,024 of them for the process's life, those of deleted and
// disabled keys included). The bound below only guards memory against many live keys; it decides nothing.
// An access key deleted or disabled by another process (the CLI) is not looked up here again, so entries also age
// out: one unused for MAX_IDLE_MS is dropped, by the next lookup or by a sweep timer that keeps no process alive
// (second review of issue 11). A request after that makes the key again, once.

/** Access keys whose HMAC keys are kept at once; the oldest entry goes first when a new one would pass it. */
export const MAX_HMAC_KEYS = 1024

/** How long an unused entry is kept. */
export const MAX_IDLE_MS = 60_000

interface Entry {
  readonly secret: string
  /** When it was last used (the map is kept in this order: the least recently used first). */
  usedAt: number
  /** RPC v1 signs with `secret&`, ACS3 with the secret: each made on its first use. */
  rpcV1?: KeyObject
  acs3?: KeyObject
}

export type Scheme = 'rpc-v1' | 'acs3'

const material = (secret: string, scheme: Scheme): string => (scheme === 'rpc-v1' ? `${secret}&` : secret)

export class HmacKeys {
  private readonly byId = new Map<string, Entry>()

  constructor(private readonly now: () => number = Date.now) {
    setInterval(() => this.sweep(), MAX_IDLE_MS).unref()
  }

  /** Drops the entries unused for MAX_IDLE_MS (they are in least-recently-used order). */
  sweep(): void {
    const oldest = this.now() - MAX_IDLE_MS
    for (const [id, e] of this.byId) {
      if (e.usedAt > oldest) return
      this.byId.delete(id)
    }
  }

  /** The HMAC of `data` under the access key's secret, as `scheme` keys it (hex for ACS3, Base64 for RPC v1 by the caller). */
  hmac(key: AccessKey, scheme: Scheme, algorithm: 'sha1' | 'sha256', data: string): Buffer {
    return createHmac(algorithm, this.keyOf(key, scheme)).update(data, 'utf8').digest()
  }

  /** Drops what is kept for an access key the store no longer knows (deleted). */
  forget(accessKeyId: string): void {
    this.byId.delete(accessKeyId)
  }

  /** Whether an HMAC key is kept for the access key (for specs). */
  holds(accessKeyId: string): boolean {
    return this.byId.has(accessKeyId)
  }

  private keyOf(key: AccessKey, scheme: Scheme): KeyObject | string {
    // A disabled key's request is still verified (its answer is Forbidden.AccessKey, after the signature holds),
    // but nothing of it is kept.
    if (!key.enabled) {
      this.forget(key.accessKeyId)
      return material(key.secret, scheme)
    }
    this.sweep()
    let entry = this.byId.get(key.accessKeyId)
    // Both secrets are the server's own (the store's and the one kept): no caller input takes part in this
    // comparison, so its timing tells a caller nothing.
    if (entry === undefined || entry.secret !== key.secret) {
      this.byId.delete(key.accessKeyId)
      if (this.byId.size >= MAX_HMAC_KEYS) this.byId.delete(this.byId.keys().next().value!)
      entry = { secret: key.secret, usedAt: this.now() }
    } else {
      this.byId.delete(key.accessKeyId) // re-inserted below: the most recently used goes last
      entry.usedAt = this.now()
    }
    this.byId.set(key.accessKeyId, entry)
    if (scheme === 'rpc-v1') return (entry.rpcV1 ??= createSecretKey(Buffer.from(material(key.secret, scheme), 'utf8')))
    return (entry.acs3 ??= createSecretKey(Buffer.from(material(key.secret, scheme), 'utf8')))
  }
}
