/**
 * Nonces seen within the replay window (API reference §3.1), kept per access key.
 *
 * Why per key and without a "floor": an earlier design kept one global cache and, when full, raised a global
 * floor to the time of the entry it dropped. A client with a fast clock filled the cache with future-dated
 * entries and lifted the floor above everyone's "now": every other client was locked out. Here:
 * - an entry is dropped only once it has expired (its request time is older than `now − behindMs`), always the
 *   one with the smallest request time first (a min-heap per key), so a future-dated entry can never push an
 *   honest one out;
 * - a live entry is never evicted (dropping it would make its request replayable, and a floor above
 *   `now − behindMs` is a lockout). When a key has no room, *that key's* request is refused as `busy`
 *   (429 Rejected.Throttling, retryable) and no other key is affected;
 * - memory: each key holds at most `maxPerKey` entries; once the whole cache holds `maxEntries`, a key may add
 *   only while it holds less than its fair share (`maxEntries / keys holding entries`), so the total stays
 *   below `2 × maxEntries` and one busy key cannot take the room of the others.
 * Per process: `serve --workers` shares the primary's (adapters/cluster), and nodes on one EventStoreDB also claim
 * each nonce in the database (adapters/store/esdb/nonce-record.ts).
 */
export type NonceVerdict = 'fresh' | 'used' | 'busy'

interface Entry { readonly at: number; readonly nonce: string }

/** A binary min-heap on request time; pops only the smallest, which is all expiry needs. */
class TimeHeap {
  private readonly items: Entry[] = []
  peek(): Entry | undefined { return this.items[0] }
  push(e: Entry): void {
    const a = this.items
    a.push(e)
    let i = a.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (a[parent]!.at <= a[i]!.at) break
      ;[a[parent], a[i]] = [a[i]!, a[parent]!]
      i = parent
    }
  }
  pop(): Entry | undefined {
    const a = this.items
    const top = a[0]
    const last = a.pop()
    if (a.length > 0 && last !== undefined) {
      a[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < a.length && a[l]!.at < a[m]!.at) m = l
        if (r < a.length && a[r]!.at < a[m]!.at) m = r
        if (m === i) break
        ;[a[m], a[i]] = [a[i]!, a[m]!]
        i = m
      }
    }
    return top
  }
}

interface KeyNonces { readonly byTime: TimeHeap; readonly seen: Set<string> }

export class NonceCache {
  private readonly keys = new Map<string, KeyNonces>()
  private total = 0

  /**
   * @param behindMs how long a nonce must be remembered: a request older than this is refused on its timestamp
   * @param maxEntries the memory bound for all keys together (soft: the total stays under twice this)
   * @param maxPerKey the most nonces one access key may hold within the window
   */
  constructor(
    private readonly behindMs: number,
    // About 136 bytes a nonce (measured on Node 20): 1,000,000 is ~136 MB, and ~1,100 signed requests a second
    // per access key sustained over a 15-minute window — the API's own symmetric-crypto quota is 1,000 QPS.
    private readonly maxEntries = 1_000_000,
    private readonly maxPerKey = maxEntries
  ) {}

  remember(accessKeyId: string, nonce: string, requestTimeMs: number, nowMs: number): NonceVerdict {
    let k = this.keys.get(accessKeyId)
    if (k) this.expireKey(accessKeyId, k, nowMs)
    if (k?.seen.has(nonce)) return 'used'
    if (this.total >= this.maxEntries) this.expireAll(nowMs)
    k = this.keys.get(accessKeyId)
    const held = k?.seen.size ?? 0
    if (held >= this.maxPerKey) return 'busy'
    if (this.total >= this.maxEntries) {
      const holders = this.keys.size + (k ? 0 : 1)
      if (held >= this.maxEntries / holders) return 'busy'
    }
    if (!k) {
      k = { byTime: new TimeHeap(), seen: new Set() }
      this.keys.set(accessKeyId, k)
    }
    k.byTime.push({ at: requestTimeMs, nonce })
    k.seen.add(nonce)
    this.total++
    return 'fresh'
  }

  get size(): number {
    return this.total
  }

  /** How many nonces one access key holds now (for specs and metrics). */
  sizeOf(accessKeyId: string): number {
    return this.keys.get(accessKeyId)?.seen.size ?? 0
  }

  private expireKey(id: string, k: KeyNonces, nowMs: number): void {
    // A request older than the window is refused on its timestamp, so its nonce need not be kept.
    for (let e = k.byTime.peek(); e !== undefined && e.at + this.behindMs < nowMs; e = k.byTime.peek()) {
      k.byTime.pop()
      k.seen.delete(e.nonce)
      this.total--
    }
    if (k.seen.size === 0) this.keys.delete(id)
  }

  private expireAll(nowMs: number): void {
    for (const [id, k] of [...this.keys]) this.expireKey(id, k, nowMs)
  }
}
