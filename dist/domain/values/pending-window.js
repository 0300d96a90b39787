import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter } from "../errors.js";
export const MIN_PENDING_DAYS = 7;
export const MAX_PENDING_DAYS = 366; // API metadata says 7–366, older pages 7–30: docs/architecture.md §4 takes 7–366
export const parsePendingWindow = (input) => {
    const n = typeof input === 'number' ? input : typeof input === 'string' && /^[0-9]{1,4}$/.test(input) ? Number(input) : NaN;
    return Number.isInteger(n) && n >= MIN_PENDING_DAYS && n <= MAX_PENDING_DAYS
        ? E.right(n)
        : E.left(invalidParameter('PendingWindowInDays', 'S-8.1: the pending window is a whole number of days from 7 to 366'));
};
