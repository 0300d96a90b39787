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
 * Replay protection is per process: another node does not see these nonces (README "Replay protection").
 */
export type NonceVerdict = 'fresh' | 'used' | 'busy';
export declare class NonceCache {
    private readonly behindMs;
    private readonly maxEntries;
    private readonly maxPerKey;
    private readonly keys;
    private total;
    /**
     * @param behindMs how long a nonce must be remembered: a request older than this is refused on its timestamp
     * @param maxEntries the memory bound for all keys together (soft: the total stays under twice this)
     * @param maxPerKey the most nonces one access key may hold within the window
     */
    constructor(behindMs: number, maxEntries?: number, maxPerKey?: number);
    remember(accessKeyId: string, nonce: string, requestTimeMs: number, nowMs: number): NonceVerdict;
    get size(): number;
    /** How many nonces one access key holds now (for specs and metrics). */
    sizeOf(accessKeyId: string): number;
    private expireKey;
    private expireAll;
}
