/** A binary min-heap on request time; pops only the smallest, which is all expiry needs. */
class TimeHeap {
    items = [];
    get size() { return this.items.length; }
    peek() { return this.items[0]; }
    push(e) {
        const a = this.items;
        a.push(e);
        let i = a.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (a[parent].at <= a[i].at)
                break;
            [a[parent], a[i]] = [a[i], a[parent]];
            i = parent;
        }
    }
    pop() {
        const a = this.items;
        const top = a[0];
        const last = a.pop();
        if (a.length > 0 && last !== undefined) {
            a[0] = last;
            let i = 0;
            for (;;) {
                const l = 2 * i + 1;
                const r = l + 1;
                let m = i;
                if (l < a.length && a[l].at < a[m].at)
                    m = l;
                if (r < a.length && a[r].at < a[m].at)
                    m = r;
                if (m === i)
                    break;
                [a[m], a[i]] = [a[i], a[m]];
                i = m;
            }
        }
        return top;
    }
}
export class NonceCache {
    behindMs;
    maxEntries;
    maxPerKey;
    keys = new Map();
    total = 0;
    /**
     * @param behindMs how long a nonce must be remembered: a request older than this is refused on its timestamp
     * @param maxEntries the memory bound for all keys together (soft: the total stays under twice this)
     * @param maxPerKey the most nonces one access key may hold within the window
     */
    constructor(behindMs, 
    // About 136 bytes a nonce (measured on Node 20): 1,000,000 is ~136 MB, and ~1,100 signed requests a second
    // per access key sustained over a 15-minute window — the API's own symmetric-crypto quota is 1,000 QPS.
    maxEntries = 1_000_000, maxPerKey = maxEntries) {
        this.behindMs = behindMs;
        this.maxEntries = maxEntries;
        this.maxPerKey = maxPerKey;
    }
    remember(accessKeyId, nonce, requestTimeMs, nowMs) {
        let k = this.keys.get(accessKeyId);
        if (k)
            this.expireKey(accessKeyId, k, nowMs);
        if (k?.seen.has(nonce))
            return 'used';
        if (this.total >= this.maxEntries)
            this.expireAll(nowMs);
        k = this.keys.get(accessKeyId);
        const held = k?.seen.size ?? 0;
        if (held >= this.maxPerKey)
            return 'busy';
        if (this.total >= this.maxEntries) {
            const holders = this.keys.size + (k ? 0 : 1);
            if (held >= this.maxEntries / holders)
                return 'busy';
        }
        if (!k) {
            k = { byTime: new TimeHeap(), seen: new Set() };
            this.keys.set(accessKeyId, k);
        }
        k.byTime.push({ at: requestTimeMs, nonce });
        k.seen.add(nonce);
        this.total++;
        return 'fresh';
    }
    get size() {
        return this.total;
    }
    /** How many nonces one access key holds now (for specs and metrics). */
    sizeOf(accessKeyId) {
        return this.keys.get(accessKeyId)?.seen.size ?? 0;
    }
    expireKey(id, k, nowMs) {
        // A request older than the window is refused on its timestamp, so its nonce need not be kept.
        for (let e = k.byTime.peek(); e !== undefined && e.at + this.behindMs < nowMs; e = k.byTime.peek()) {
            k.byTime.pop();
            k.seen.delete(e.nonce);
            this.total--;
        }
        if (k.seen.size === 0)
            this.keys.delete(id);
    }
    expireAll(nowMs) {
        for (const [id, k] of [...this.keys])
            this.expireKey(id, k, nowMs);
    }
}
