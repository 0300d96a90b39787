import { request, type IncomingMessage } from 'node:http'
import { signedQuery, type RawKey } from './signed-request.ts'

// A Server-Sent Events consumer as an SDK-less program writes one: a signed GET (RPC v1, the signature in the
// query), the `text/event-stream` parsed by the WHATWG processing model (fields, comments, blank-line dispatch,
// an `id:` without data updating the last event id without dispatching). No EventSource: Node has none built in,
// and a spec must see heartbeats (comments), which EventSource hides.

export interface SseMessage { readonly id: string; readonly event: string; readonly data: string }

export interface SseStream {
  readonly status: number
  readonly contentType: string
  /** Dispatched events so far (those with data). */
  readonly messages: SseMessage[]
  /** Comment lines so far (heartbeats), without the colon. */
  readonly comments: string[]
  /** The last event id the stream set (an event's or a data-less `id:`): what a reconnect sends as Last-Event-ID. */
  lastEventId(): string
  /** The body of a refusal (not a stream), parsed. */
  readonly refusal?: Record<string, unknown>
  /** Resolves when the server ended the stream (or the connection closed). */
  readonly ended: Promise<void>
  /** Resolves once `pred` holds of the messages (checked on every message), or rejects after `ms`. */
  until(pred: (m: readonly SseMessage[]) => boolean, ms?: number): Promise<void>
  close(): void
}

export const openSse = (baseUrl: string, key: RawKey, params: Record<string, string>, headers: Record<string, string> = {}): Promise<SseStream> =>
  openSseUrl(`${baseUrl}/?${signedQuery(key, { Action: 'ListKeyEvents', Stream: 'sse', ...params }, { method: 'GET' })}`, headers)

export const openSseUrl = (url: string, headers: Record<string, string> = {}): Promise<SseStream> => new Promise((resolve, reject) => {
  const req = request(url, { method: 'GET', headers: { accept: 'text/event-stream', ...headers } }, (res: IncomingMessage) => {
    const contentType = res.headers['content-type'] ?? ''
    const status = res.statusCode ?? 0
    const ended = new Promise<void>((done) => {
      res.on('end', done)
      res.on('close', done)
    })
    if (!contentType.startsWith('text/event-stream')) {
      let text = ''
      res.on('data', (d: Buffer) => (text += d.toString('utf8')))
      res.on('end', () => resolve({
        status, contentType, messages: [], comments: [], lastEventId: () => '', refusal: JSON.parse(text) as Record<string, unknown>,
        ended, until: () => Promise.reject(new Error('not a stream')), close: () => req.destroy(),
      }))
      return
    }
    const messages: SseMessage[] = []
    const comments: string[] = []
    const waiters = new Set<() => void>()
    let last = ''
    let buffer = ''
    let data: string[] = []
    let event = ''
    const line = (l: string) => {
      if (l === '') {
        if (data.length > 0) messages.push({ id: last, event: event || 'message', data: data.join('\n') })
        data = []
        event = ''
        for (const w of waiters) w()
        return
      }
      if (l.startsWith(':')) return void comments.push(l.slice(1).trim())
      const colon = l.indexOf(':')
      const field = colon < 0 ? l : l.slice(0, colon)
      const value = colon < 0 ? '' : l.slice(colon + 1).replace(/^ /, '')
      if (field === 'data') data.push(value)
      else if (field === 'event') event = value
      else if (field === 'id' && !value.includes('\0')) last = value
    }
    res.on('error', () => {}) // a close() mid-stream: the reader is done
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      buffer += chunk
      let i: number
      while ((i = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const nl = buffer.startsWith('\r\n', i) ? 2 : 1
        line(buffer.slice(0, i))
        buffer = buffer.slice(i + nl)
      }
    })
    res.on('close', () => {
      for (const w of waiters) w()
    })
    resolve({
      status, contentType, messages, comments, lastEventId: () => last, ended,
      until: (pred, ms = 20_000) => new Promise<void>((ok, fail) => {
        const check = () => {
          if (pred(messages)) {
            waiters.delete(check)
            clearTimeout(timer)
            ok()
          }
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          fail(new Error(`the stream did not show what was awaited within ${ms} ms; got ${JSON.stringify(messages.map((m) => m.data))}`))
        }, ms)
        waiters.add(check)
        check()
      }),
      close: () => req.destroy(),
    })
  })
  req.on('error', reject)
  req.end()
})
