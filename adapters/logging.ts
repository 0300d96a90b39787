import { writeSync } from 'node:fs'
import pino, { type Logger } from 'pino'
import pretty from 'pino-pretty'

// The server's log (docs/operations.md#logs): readable lines on a terminal, one JSON object per line for
// machines (not a terminal, or --log-format json). Both written synchronously (the JSON log's per-request lines
// gathered for a moment first: BatchedAccessLog below), so the log and the "listening on" line appear in the order
// they happened.

export type LogFormat = 'pretty' | 'json'

export const parseLogFormat = (s: string | undefined): LogFormat | undefined => {
  if (s === undefined) return undefined
  if (s === 'pretty' || s === 'json') return s
  throw new Error(`--log-format is pretty or json (got ${s})`)
}

export const makeLogger = (o: { format?: LogFormat; level?: string; tty?: boolean } = {}): Logger => {
  const level = o.level ?? 'info'
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-boolean-literal-compare -- typed boolean, but undefined at runtime when stdout is not a terminal
  const tty = o.tty ?? process.stdout.isTTY === true
  const format = o.format ?? (tty ? 'pretty' : 'json')
  if (format === 'json') return pino({ name: 'keyledger', level }, new BatchedAccessLog(1))
  return pino({ name: 'keyledger', level }, pretty({ sync: true, destination: 1, colorize: tty, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name' }))
}

/** How long a per-request line may wait in memory before it is written. */
export const ACCESS_LOG_DELAY_MS = 50
const ACCESS_LOG_MAX_BYTES = 16 * 1024
const REQUEST_LINE = '"msg":"request"}\n'

/**
 * The JSON log's destination: every line is written synchronously at once, except the per-request access lines
 * (`msg: "request"`, adapters/http/server.ts), which are gathered for up to ACCESS_LOG_DELAY_MS (or 16 KiB) and
 * written together, so a request costs no write system call of its own (issue 11: one `write` per request was
 * ~8 % of the server thread's time under Encrypt load). Any other line writes what is gathered first, so the
 * order of lines stays the order they happened; so does the process's exit.
 */
export class BatchedAccessLog {
  private pending = ''
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly fd: number) {
    process.on('exit', () => this.flush())
  }

  write(line: string): void {
    this.pending += line
    if (!line.endsWith(REQUEST_LINE) || this.pending.length >= ACCESS_LOG_MAX_BYTES) return this.flush()
    this.timer ??= setTimeout(() => this.flush(), ACCESS_LOG_DELAY_MS).unref()
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    let buf = Buffer.from(this.pending)
    this.pending = ''
    while (buf.length > 0) {
      try {
        buf = buf.subarray(writeSync(this.fd, buf))
      } catch (e) {
        // stdout is a full non-blocking pipe: try again (as sonic-boom does); closed: the log is dropped
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return
      }
    }
  }
}
