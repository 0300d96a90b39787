import type { IncomingMessage, ServerResponse } from 'node:http';
export declare const CONSOLE_PATH = "/console";
/** The folder the console's files are served from: built by `npm run build:console`, committed (docs/console.md). */
export declare const CONSOLE_DIR: string;
/**
 * Every console answer carries these. No inline script or style may run (script-src/style-src 'self'), the page
 * talks only to its own origin (connect-src 'self'), no page may frame it (frame-ancestors 'none', and
 * X-Frame-Options for older browsers), and nothing is sniffed, cached or leaked in a Referer.
 */
export declare const SECURITY_HEADERS: Readonly<Record<string, string>>;
/**
 * A request handler for /console and /console/<file>: true when it answered (the path was the console's), false
 * for every other path, which stays the API's. `/console` redirects to `/console/` so relative asset URLs resolve.
 */
export declare const consoleRoute: (dir?: string) => ((req: IncomingMessage, res: ServerResponse) => boolean);
