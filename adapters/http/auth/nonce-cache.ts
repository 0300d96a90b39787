/**
 * Nonces seen within the timestamp window (replay protection, API reference §3.1). Memory is bounded: when
 * full, the oldest entries are dropped and the `floor` rises to the newest timestamp dropped, so a request
 * signed at or before the floor can no longer prove it is fresh and is refused instead of being replayable.
 */
export class NonceCache {
  /** key → request time (ms); a Map keeps insertion order, which is how the oldest entry is found. */
  private readonly seen = new Map<string, number>()
  private floorMs = -Infinity

  constructor(private readonly windowMs: number, private readonly maxEntries = 100_000) {}

  /** Records the nonce; false when it was used before (or cannot be proven unused: at or below the floor). */
  remember(key: string, requestTimeMs: number, nowMs: number): boolean {
    this.expire(nowMs)
    if (requestTimeMs <= this.floorMs || this.seen.has(key)) return false
    while (this.seen.size >= this.maxEntries) {
      const [oldest, at] = this.seen.entries().next().value as [string, number]
      this.seen.delete(oldest)
      this.floorMs = Math.max(this.floorMs, at)
    }
    this.seen.set(key, requestTimeMs)
    return true
  }

  get size(): number {
    return this.seen.size
  }

  private expire(nowMs: number): void {
    // A request older than the window is refused on its timestamp, so its nonce need not be kept.
    for (const [key, at] of this.seen) {
      if (at + this.windowMs >= nowMs) break
      this.seen.delete(key)
    }
  }
}
