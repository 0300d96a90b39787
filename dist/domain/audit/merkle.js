import { hash as oneShot } from 'node:crypto';
// node:crypto's one-shot hash: a Hash object per call costs more than the hashing of these few bytes.
const sha256 = (...parts) => oneShot('sha256', parts.length === 1 ? parts[0] : Buffer.concat(parts), 'buffer');
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);
export const leafHash = (entry) => sha256(LEAF_PREFIX, entry);
export const nodeHash = (left, right) => sha256(NODE_PREFIX, left, right);
/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT = sha256();
/** The largest power of two strictly less than n (n ≥ 2). */
export const splitPoint = (n) => {
    let k = 1;
    while (k * 2 < n)
        k *= 2;
    return k;
};
/** RFC 9162 §2.1.1 MTH over all leaf hashes, for trees held in memory. */
export const rootOf = (leaves) => (leaves.length === 0 ? EMPTY_ROOT : rangeOf(leaves, 0, leaves.length));
const rangeOf = (leaves, lo, hi) => {
    if (hi - lo === 1)
        return leaves[lo];
    const k = splitPoint(hi - lo);
    return nodeHash(rangeOf(leaves, lo, lo + k), rangeOf(leaves, lo + k, hi));
};
/** RFC 9162 §2.1.3.1 PATH(m, D[n]): sibling hashes from the leaf up. */
export const inclusionPath = (index, size, hash) => {
    if (!(index >= 0 && index < size))
        throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
    const path = [];
    const walk = (m, lo, hi) => {
        if (hi - lo <= 1)
            return;
        const k = splitPoint(hi - lo);
        if (m < k) {
            walk(m, lo, lo + k);
            path.push(hash(lo + k, hi));
        }
        else {
            walk(m - k, lo + k, hi);
            path.push(hash(lo, lo + k));
        }
    };
    walk(index, 0, size);
    return path;
};
/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) for 0 < m ≤ n; empty when m = n. */
export const consistencyPath = (m, n, hash) => {
    if (!(m > 0 && m <= n))
        throw new RangeError(`no consistency proof from ${m} to ${n}`);
    const path = [];
    const sub = (m, lo, hi, complete) => {
        if (m === hi - lo) {
            if (!complete)
                path.push(hash(lo, hi));
            return;
        }
        const k = splitPoint(hi - lo);
        if (m <= k) {
            sub(m, lo, lo + k, complete);
            path.push(hash(lo + k, hi));
        }
        else {
            sub(m - k, lo + k, hi, false);
            path.push(hash(lo, lo + k));
        }
    };
    sub(m, 0, n, true);
    return path;
};
const lsb = (x) => x % 2 === 1;
const half = (x) => Math.floor(x / 2);
/** RFC 9162 §2.1.3.2: the root the path leads to from the leaf, or undefined when the path cannot be right. */
export const rootFromInclusion = (index, size, leaf, path) => {
    if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size))
        return undefined;
    let fn = index;
    let sn = size - 1;
    let r = leaf;
    for (const p of path) {
        if (sn === 0)
            return undefined;
        if (lsb(fn) || fn === sn) {
            r = nodeHash(p, r);
            if (!lsb(fn))
                while (!lsb(fn) && fn !== 0) {
                    fn = half(fn);
                    sn = half(sn);
                }
        }
        else {
            r = nodeHash(r, p);
        }
        fn = half(fn);
        sn = half(sn);
    }
    return sn === 0 ? r : undefined;
};
export const verifyInclusion = (index, size, leaf, path, root) => {
    const r = rootFromInclusion(index, size, leaf, path);
    return r !== undefined && r.equals(root);
};
/**
 * RFC 9162 §2.1.4.2, with the cases the RFC leaves to the caller: equal sizes need an empty proof and equal
 * roots; any tree is consistent with the empty one (empty proof); a smaller second tree never is.
 */
export const verifyConsistency = (m, n, rootM, rootN, path) => {
    if (!(Number.isSafeInteger(m) && Number.isSafeInteger(n) && m >= 0 && m <= n))
        return false;
    if (m === n)
        return path.length === 0 && rootM.equals(rootN);
    if (m === 0)
        return path.length === 0;
    if (path.length === 0)
        return false;
    const proof = isPowerOfTwo(m) ? [rootM, ...path] : [...path];
    let fn = m - 1;
    let sn = n - 1;
    while (lsb(fn)) {
        fn = half(fn);
        sn = half(sn);
    }
    let fr = proof[0];
    let sr = proof[0];
    for (const c of proof.slice(1)) {
        if (sn === 0)
            return false;
        if (lsb(fn) || fn === sn) {
            fr = nodeHash(c, fr);
            sr = nodeHash(c, sr);
            if (!lsb(fn))
                while (!lsb(fn) && fn !== 0) {
                    fn = half(fn);
                    sn = half(sn);
                }
        }
        else {
            sr = nodeHash(sr, c);
        }
        fn = half(fn);
        sn = half(sn);
    }
    return sn === 0 && fr.equals(rootM) && sr.equals(rootN);
};
const isPowerOfTwo = (x) => x > 0 && Number.isInteger(Math.log2(x));
/**
 * The complete subtrees a tree of `size` leaves is made of, left to right (its frontier, RFC 9162's "compact
 * range"): each `{ level, index }` covers leaves [index·2^level, (index+1)·2^level).
 */
export const frontierOf = (size) => {
    const out = [];
    let start = 0;
    for (let level = 52; level >= 0; level--) {
        const width = 2 ** level;
        if (size - start >= width) {
            out.push({ level, index: start / width });
            start += width;
        }
    }
    return out;
};
/**
 * MTH(D[lo:hi]) from complete subtrees: a range of a proof is either one complete subtree or splits into
 * complete subtrees on the left and a shorter range on the right, so O(log n) lookups answer it.
 */
export const rangeFromNodes = (node) => {
    const range = (lo, hi) => {
        const width = hi - lo;
        const level = Math.log2(width);
        if (Number.isInteger(level) && lo % width === 0)
            return node(level, lo / width);
        const k = splitPoint(width);
        return nodeHash(range(lo, lo + k), range(lo + k, hi));
    };
    return range;
};
/**
 * Every complete subtree over leaves held in memory (about 2n hashes), so that the root of any prefix and any
 * proof then take O(log n): `audit verify` checks many checkpoints against one recomputed log this way.
 */
export const memoryRange = (leaves) => {
    const levels = [[...leaves]];
    for (let below = levels[0]; below.length > 1;) {
        const up = [];
        for (let i = 0; i + 1 < below.length; i += 2)
            up.push(nodeHash(below[i], below[i + 1]));
        levels.push(up);
        below = up;
    }
    return rangeFromNodes((level, index) => {
        const h = levels[level]?.[index];
        if (!h)
            throw new RangeError(`no complete subtree ${level}/${index} among ${leaves.length} leaves`);
        return h;
    });
};
export const rootOfRange = (range, size) => (size === 0 ? EMPTY_ROOT : range(0, size));
