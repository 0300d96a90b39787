import Table from 'cli-table3';
import { csvOf } from "../../projections/reports/table.js";
// What the CLI prints goes to an operator's terminal, and much of it was written by callers (descriptions, tag
// values, caller labels, user agents). A control character there is an attack on the terminal: ESC and CSI
// sequences recolour, move the cursor, rewrite earlier lines or (OSC) set the title, the clipboard or a link;
// BEL rings; bidi overrides reorder what is read (issue 13, finding 6). So every cell is shown with such
// characters as visible escapes (`\x1b`, `\u202e`), and JSON output escapes what JSON.stringify leaves raw (C1, bidi).
// C0 controls (newline and tab included: inside a cell they would forge rows), DEL, C1, and the bidi overrides/isolates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw (it escapes C0 inside strings; the text's own newlines stay). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const escape = (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
};
/** Text safe to print in a terminal cell: control and bidi characters shown as escapes. */
export const terminalText = (s) => s.replace(UNSAFE, escape);
/** JSON for the terminal: JSON.stringify escapes C0 already; C1 and bidi characters become `\uXXXX` too (same value). */
export const terminalJson = (value) => JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const safeCell = (c) => (typeof c === 'string' ? terminalText(c) : c ?? null);
const safeRows = (rows) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, safeCell(v)])));
/** CSV for the terminal: the same escapes in every cell. */
export const terminalCsv = (columns, rows) => csvOf(columns, safeRows(rows)).trimEnd();
export const parseFormat = (s) => {
    if (s === 'table' || s === 'json' || s === 'csv')
        return s;
    throw new CliError(`--format is table, json or csv (got ${s})`);
};
/** A usage error: printed without a stack, exit code 2. */
export class CliError extends Error {
}
export const renderTable = (columns, rows) => {
    const t = new Table({ head: [...columns], style: { head: [], border: [] } });
    for (const r of rows)
        t.push(columns.map((c) => (r[c] === null || r[c] === undefined ? '' : terminalText(String(r[c])))));
    return t.toString();
};
export const renderReport = (r, format) => {
    switch (format) {
        case 'json': return terminalJson(r);
        case 'csv': return terminalCsv(r.columns, r.rows);
        case 'table':
            return [`${r.title} (as of ${r.at}): ${r.rows.length} row${r.rows.length === 1 ? '' : 's'}`, renderTable(r.columns, r.rows),
                ...r.notes.map((n) => `note: ${terminalText(n)}`)].join('\n');
    }
};
export const parseInstant = (s, flag) => {
    const t = Date.parse(s);
    if (Number.isNaN(t))
        throw new CliError(`${flag} takes an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z (got ${s})`);
    return new Date(t);
};
