import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { packagePath } from "../package-root.js";
// The web console's static files (docs/console.md), served at /console on the API's listener. The console is
// only a client of the signed API: this route serves files and nothing else (no session, no cookie, no API).
// The files are read once at start into memory, from a fixed folder: no path from the request reaches the disk.
export const CONSOLE_PATH = '/console';
/** The folder the console's files are served from: built by `npm run build:console`, committed (docs/console.md). */
export const CONSOLE_DIR = `${packagePath('console', 'public')}/`;
const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
};
/**
 * Every console answer carries these. No inline script or style may run (script-src/style-src 'self'), the page
 * talks only to its own origin (connect-src 'self'), no page may frame it (frame-ancestors 'none', and
 * X-Frame-Options for older browsers), and nothing is sniffed, cached or leaked in a Referer.
 */
export const SECURITY_HEADERS = {
    'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
};
const loadFiles = (dir) => {
    const files = new Map();
    let names = [];
    try {
        names = readdirSync(dir);
    }
    catch {
        return files;
    } // no console built: /console answers 404
    for (const name of names) {
        const type = TYPES[extname(name)];
        if (type)
            files.set(name, { body: readFileSync(join(dir, name)), type });
    }
    return files;
};
const answer = (res, status, headers, body, head) => {
    res.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'Content-Length': Buffer.byteLength(body) });
    res.end(head ? undefined : body);
};
/**
 * A request handler for /console and /console/<file>: true when it answered (the path was the console's), false
 * for every other path, which stays the API's. `/console` redirects to `/console/` so relative asset URLs resolve.
 */
export const consoleRoute = (dir = CONSOLE_DIR) => {
    const files = loadFiles(dir);
    return (req, res) => {
        const path = (req.url ?? '/').split('?')[0];
        if (path !== CONSOLE_PATH && !path.startsWith(`${CONSOLE_PATH}/`))
            return false;
        const head = req.method === 'HEAD';
        if (req.method !== 'GET' && !head) {
            answer(res, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method Not Allowed\n', head);
            return true;
        }
        if (path === CONSOLE_PATH) {
            answer(res, 308, { Location: `${CONSOLE_PATH}/`, 'Content-Type': 'text/plain; charset=utf-8' }, '', head);
            return true;
        }
        const name = path.slice(CONSOLE_PATH.length + 1) || 'index.html';
        const file = files.get(name);
        if (!file)
            answer(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not Found\n', head);
        else
            answer(res, 200, { 'Content-Type': file.type }, file.body, head);
        return true;
    };
};
