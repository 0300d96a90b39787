import type { IncomingMessage, ServerResponse } from 'node:http'
import { Counter, Histogram, Registry } from 'prom-client'

// Prometheus metrics at GET /metrics (issue 13 item 9; docs/operations.md "Logs and metrics"). Labels are the
// action (one of the served actions, else "other") and the answer's code (200 or the error code): never a key id,
// alias or access key. On the request path only counters move (a histogram observation is a few increments);
// the text is built when scraped. Who may scrape: `http.metrics` ("loopback", the default; "public"; "off").

export type MetricsAccess = 'public' | 'loopback' | 'off'

export class ApiMetrics {
  private readonly requests: Counter<'action' | 'code'>
  private readonly latency: Histogram<'action'>

  /** `registry`: the service's (adapters/service-metrics.ts), so that one scrape shows both. */
  constructor(private readonly known: (action: string) => boolean, readonly registry = new Registry()) {
    this.requests = new Counter({ name: 'keyledger_requests_total', help: 'API requests answered, by action and code (200 or the error code)', labelNames: ['action', 'code'] as const, registers: [registry] })
    this.latency = new Histogram({
      name: 'keyledger_request_duration_seconds', help: 'Time from the request\'s arrival to its answer, by action', labelNames: ['action'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
    })
  }

  observe(action: string | undefined, code: string, seconds: number): void {
    const a = action !== undefined && this.known(action) ? action : 'other'
    this.requests.inc({ action: a, code })
    this.latency.observe({ action: a }, seconds)
  }
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/

/** Answers GET /metrics with the text exposition when `access` lets this caller, else 404 (as if it did not exist). */
export const answerMetrics = async (metrics: ApiMetrics, access: MetricsAccess, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  if (access === 'off' || (access === 'loopback' && !LOOPBACK.test(req.socket.remoteAddress ?? ''))) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n')
    return
  }
  const text = await metrics.registry.metrics()
  res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text)
}
