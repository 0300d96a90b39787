export const HEALTH_PATHS = new Set(['/healthz', '/readyz']);
const runChecks = async (checks) => {
    const out = {};
    for (const [name, check] of Object.entries(checks)) {
        try {
            out[name] = await check();
        }
        catch {
            out[name] = 'failing'; // the cause goes to the log of the component, never to an unauthenticated caller
        }
    }
    return out;
};
export const answerHealth = async (path, checks, res) => {
    const result = path === '/healthz' ? { status: 'ok' } : await (async () => {
        const c = await runChecks(checks);
        return { status: Object.values(c).every((v) => v === 'ok') ? 'ok' : 'unavailable', checks: c };
    })();
    const body = JSON.stringify(result);
    res.writeHead(result.status === 'ok' ? 200 : 503, { 'Content-Type': 'application/json;charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
    res.end(body);
};
