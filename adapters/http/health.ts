import type { ServerResponse } from 'node:http'

// Health endpoints (issue 13, item 9), unauthenticated by design, so they name no key, account or path:
// - GET /healthz: the process answers (liveness): always 200 while the event loop turns.
// - GET /readyz: it can serve (readiness): the event store answers, the read models have reached its head, and
//   the vault is unsealed, the data dir takes writes; 200 when every check passes, else 503 with the failing check
//   named.

/** 'ok', or the failing check's reason. */
export type CheckResult = string

export interface ReadinessChecks {
  readonly [name: string]: () => Promise<CheckResult>
}

export const HEALTH_PATHS = new Set(['/healthz', '/readyz'])

const runChecks = async (checks: ReadinessChecks): Promise<Record<string, CheckResult>> => {
  const out: Record<string, CheckResult> = {}
  for (const [name, check] of Object.entries(checks)) {
    try {
      out[name] = await check()
    } catch {
      out[name] = 'failing' // the cause goes to the log of the component, never to an unauthenticated caller
    }
  }
  return out
}

export const answerHealth = async (path: string, checks: ReadinessChecks, res: ServerResponse): Promise<void> => {
  const result = path === '/healthz' ? { status: 'ok' } : await (async () => {
    const c = await runChecks(checks)
    return { status: Object.values(c).every((v) => v === 'ok') ? 'ok' : 'unavailable', checks: c }
  })()
  const body = JSON.stringify(result)
  res.writeHead(result.status === 'ok' ? 200 : 503, { 'Content-Type': 'application/json;charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' })
  res.end(body)
}
