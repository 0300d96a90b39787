import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { invalidParameter, missingParameter } from "../../../domain/errors.js";
export const requiredString = (p, name) => {
    const v = p.get(name);
    return v === undefined || v === '' ? E.left(missingParameter(name)) : E.right(v);
};
export const optionalString = (p, name) => E.right(p.get(name));
// A keyof codec answers only its own keys (io-ts checks them with hasOwnProperty): `__proto__`, `valueOf` or
// `constructor` are no booleans, as a plain-object lookup would have them (issue 20, finding 3).
const WireBoolean = t.keyof({ true: null, false: null, True: null, False: null, TRUE: null, FALSE: null });
export const optionalBoolean = (p, name) => {
    const v = p.get(name);
    if (v === undefined || v === '')
        return E.right(undefined);
    return WireBoolean.is(v) ? E.right(v.toLowerCase() === 'true') : E.left(invalidParameter(name, 'Use true or false.'));
};
/** One of an enumeration's values (an io-ts keyof codec: its own keys only); `fallback` when absent or empty. */
export const optionalEnum = (p, name, codec, fallback) => {
    const v = p.get(name);
    if (v === undefined || v === '')
        return E.right(fallback);
    return codec.is(v) ? E.right(v) : E.left(invalidParameter(name));
};
export const requiredBoolean = (p, name) => E.chain((b) => (b === undefined ? E.left(missingParameter(name)) : E.right(b)))(optionalBoolean(p, name));
/** A whole number within bounds; `fallback` when absent. */
export const integerIn = (p, name, min, max, fallback) => {
    const v = p.get(name);
    if (v === undefined || v === '')
        return E.right(fallback);
    if (!/^[0-9]{1,9}$/.test(v))
        return E.left(invalidParameter(name, `Use a whole number from ${min} to ${max}.`));
    const n = Number(v);
    return n >= min && n <= max ? E.right(n) : E.left(invalidParameter(name, `Use a whole number from ${min} to ${max}.`));
};
/** PageNumber ≥ 1 and PageSize 1–100 (API reference §6.9: PageSize ≤ 100; default 10). */
export const paging = (p) => {
    const pageNumber = integerIn(p, 'PageNumber', 1, 100_000_000, 1);
    if (E.isLeft(pageNumber))
        return pageNumber;
    const pageSize = integerIn(p, 'PageSize', 1, 100, 10);
    if (E.isLeft(pageSize))
        return pageSize;
    return E.right({ pageNumber: pageNumber.right, pageSize: pageSize.right });
};
/** `Name.1`, `Name.2`, … (repeat lists, API reference §2.2): consecutive from 1, at most `max`. */
export const repeatList = (p, name, max) => {
    const indexes = indexesOf(p, name, /^([1-9][0-9]{0,3})$/);
    if (E.isLeft(indexes))
        return indexes;
    if (indexes.right.length > max)
        return E.left(invalidParameter(name, `At most ${max} items.`));
    return E.right(indexes.right.map((i) => p.get(`${name}.${i}`)));
};
/**
 * The indexes N of every `Name.N<rest>` parameter, checked to run 1, 2, … without gaps, so a list is never
 * silently cut short. `shape` matches what follows `Name.` and captures N.
 */
export const indexesOf = (p, name, shape) => {
    const found = new Set();
    for (const key of p.keys()) {
        if (!key.startsWith(`${name}.`))
            continue;
        const m = shape.exec(key.slice(name.length + 1));
        if (!m)
            return E.left(invalidParameter(key, `Use ${name}.N with N counting from 1.`));
        found.add(Number(m[1]));
    }
    const sorted = [...found].sort((a, b) => a - b);
    if (sorted.some((n, i) => n !== i + 1))
        return E.left(invalidParameter(name, `Number ${name}.N from 1 without gaps.`));
    return E.right(sorted);
};
