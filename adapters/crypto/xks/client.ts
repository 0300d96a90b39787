import { request as httpsRequest, Agent } from 'node:https'
import aws4 from 'aws4'

// One XKS proxy over HTTPS (docs/external-keys.md): every call a signed POST of JSON, answered within the
// configured time or failed. SigV4 by aws4 (a kept library) with the service the XKS Proxy API names.

export const XKS_SIGV4_SERVICE = 'kms-xks-proxy' // XKS Proxy API, Appendix A

export interface XksEndpoint {
  /** `https://host[:port]`: the proxy's endpoint (XksProxyUriEndpoint). */
  readonly uri: string
  /** `[/prefix]/kms/xks/v1` (XksProxyUriPath). */
  readonly uriPath: string
  readonly accessKeyId: string
  readonly secretAccessKey: string
  /** The region written into the SigV4 credential scope (the region KMS calls from). */
  readonly region: string
  /** Whole-call limit in milliseconds: connect, TLS, request and answer (never a hang). */
  readonly timeoutMs: number
  /** Extra CA certificates (PEM) the proxy's certificate may chain to, besides the system's. */
  readonly ca?: string
}

/** Why a call has no usable answer: the proxy was not reached, was too slow, or answered an XKS error. */
export type XksFailure =
  | { readonly kind: 'unreachable'; readonly detail: string }
  | { readonly kind: 'tls'; readonly detail: string }
  | { readonly kind: 'timeout'; readonly afterMs: number }
  | { readonly kind: 'answered'; readonly status: number; readonly errorName: string | undefined }
  | { readonly kind: 'malformed'; readonly detail: string }

export type XksAnswer = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly failure: XksFailure }

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL|ALTNAME|HOSTNAME/

export class XksClient {
  private readonly agent: Agent
  private readonly url: URL

  constructor(private readonly endpoint: XksEndpoint) {
    this.url = new URL(endpoint.uri)
    // Keep-alive: a handshake per call would spend most of the proxy's time budget (XKS Proxy API: 250 ms in AWS).
    this.agent = new Agent({ keepAlive: true, maxSockets: 32, ...(endpoint.ca ? { ca: endpoint.ca } : {}), minVersion: 'TLSv1.2' })
  }

  /** POSTs `body` to `uriPath + path` (e.g. `/keys/k1/encrypt`, `/health`), signed, within the time limit. */
  post(path: string, body: unknown): Promise<XksAnswer> {
    const payload = JSON.stringify(body)
    const port = this.url.port === '' ? 443 : Number(this.url.port)
    const signed = aws4.sign({
      host: this.url.port === '' ? this.url.hostname : `${this.url.hostname}:${port}`,
      method: 'POST', path: `${this.endpoint.uriPath}${path}`, body: payload,
      service: XKS_SIGV4_SERVICE, region: this.endpoint.region,
      headers: { 'Content-Type': 'application/json' },
    }, { accessKeyId: this.endpoint.accessKeyId, secretAccessKey: this.endpoint.secretAccessKey })
    const limit = this.endpoint.timeoutMs
    return new Promise<XksAnswer>((resolve) => {
      let settled = false
      const done = (a: XksAnswer): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(a)
      }
      const req = httpsRequest({
        hostname: this.url.hostname, port, method: 'POST', path: signed.path, headers: signed.headers, agent: this.agent,
        servername: this.url.hostname,
      }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', (e) => done({ ok: false, failure: { kind: 'unreachable', detail: e.message } }))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let parsed: unknown
          try {
            parsed = JSON.parse(text)
          } catch {
            parsed = undefined
          }
          const status = res.statusCode ?? 0
          if (status === 200)
            return done(parsed === undefined ? { ok: false, failure: { kind: 'malformed', detail: 'the answer is not JSON' } } : { ok: true, body: parsed })
          const errorName = typeof (parsed as { errorName?: unknown } | undefined)?.errorName === 'string'
            ? (parsed as { errorName: string }).errorName : undefined
          done({ ok: false, failure: { kind: 'answered', status, errorName } })
        })
      })
      // The whole call, not only socket idleness: a proxy that trickles bytes is as unavailable as a silent one.
      const timer = setTimeout(() => {
        done({ ok: false, failure: { kind: 'timeout', afterMs: limit } })
        req.destroy()
      }, limit)
      req.on('error', (e: NodeJS.ErrnoException) => {
        const code = e.code ?? ''
        done({ ok: false, failure: TLS_CODES.test(code) ? { kind: 'tls', detail: `${code} ${e.message}` } : { kind: 'unreachable', detail: code || e.message } })
      })
      req.end(payload)
    })
  }

  close(): void {
    this.agent.destroy()
  }
}
