import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter } from "../errors.js";
export const DAY_SECONDS = 86_400;
export const MIN_ROTATION_SECONDS = 7 * DAY_SECONDS; // S-4.2
export const MAX_ROTATION_SECONDS = 365 * DAY_SECONDS; // S-4.2
export const DEFAULT_KEY_ROTATION_SECONDS = 365 * DAY_SECONDS; // API reference §5.13: fixed for the default key
const UNIT_SECONDS = { d: DAY_SECONDS, h: 3600, m: 60, s: 1 };
/**
 * Parses `integer[d|h|m|s]` (API reference §5.4) into seconds and checks S-4.2's 7–365 days.
 * The API's UpdateRotationPolicy allows up to 730 days; this project follows the seed everywhere (docs/architecture.md §4).
 */
export const parseRotationInterval = (text) => {
    const m = /^([1-9][0-9]{0,9})([dhms])$/.exec(text);
    if (!m)
        return E.left(invalidParameter('RotationInterval', 'use an integer followed by d, h, m or s, e.g. 30d'));
    const seconds = Number(m[1]) * UNIT_SECONDS[m[2]];
    if (seconds < MIN_ROTATION_SECONDS || seconds > MAX_ROTATION_SECONDS)
        return E.left(invalidParameter('RotationInterval', 'S-4.2: the rotation period is 7 to 365 days'));
    return E.right(seconds);
};
/** The API echoes intervals in seconds with an `s` suffix (`31536000s`). */
export const formatRotationInterval = (seconds) => `${seconds}s`;
