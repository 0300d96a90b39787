import pino, { type Logger } from 'pino'
import pretty from 'pino-pretty'

// The server's log (docs/operations.md#logs): readable lines on a terminal, one JSON object per line for
// machines (not a terminal, or --log-format json). Both written synchronously, so the log and the
// "listening on" line appear in the order they happened.

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
  if (format === 'json') return pino({ name: 'keyledger', level }, pino.destination({ dest: 1, sync: true }))
  return pino({ name: 'keyledger', level }, pretty({ sync: true, destination: 1, colorize: tty, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name' }))
}
