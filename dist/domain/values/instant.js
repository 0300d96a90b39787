import * as t from 'io-ts';
// An ISO 8601 / RFC 3339 instant with a date, a time and a zone, read strictly: every field must be in its
// range on the calendar (no 2025-02-30, no hour 24, no leap second), because Date.parse rolls an impossible
// date over into the next month instead of refusing it (issue 20, finding 5).
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;
export const parseInstant = (text) => {
    const m = INSTANT.exec(text);
    if (!m)
        return undefined;
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
    const zoneHours = m[9] === undefined ? 0 : Number(m[9]);
    const zoneMinutes = m[10] === undefined ? 0 : Number(m[10]);
    if (zoneHours > 23 || zoneMinutes > 59)
        return undefined;
    // The fields must survive a round trip through the calendar: Date.UTC(2025, 1, 30) is 2 March.
    const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    if (local.getUTCFullYear() !== year ||
        local.getUTCMonth() !== month - 1 ||
        local.getUTCDate() !== day ||
        local.getUTCHours() !== hour ||
        local.getUTCMinutes() !== minute ||
        local.getUTCSeconds() !== second)
        return undefined;
    const millis = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000);
    const offset = m[8] === 'Z' ? 0 : (m[8].startsWith('-') ? -1 : 1) * (zoneHours * 60 + zoneMinutes) * 60_000;
    return new Date(local.getTime() + millis - offset);
};
/** The instant codec for wire and config boundaries: a string in, a Date out, anything else refused. */
export const Instant = new t.Type('Instant', (u) => u instanceof Date && !Number.isNaN(u.getTime()), (u, c) => {
    const d = typeof u === 'string' ? parseInstant(u) : undefined;
    return d ? t.success(d) : t.failure(u, c, 'An ISO 8601 instant with a zone, e.g. 2025-01-31T00:00:00Z.');
}, (d) => d.toISOString());
