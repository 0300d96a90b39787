import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

// `keyledger serve` as an operator runs it, for specs that need the whole server: a real process on a data dir,
// its stdout and stderr captured (the log a no-leak check scans), stopped with SIGTERM like a service manager.

export interface ServerProcess {
  readonly url: string
  readonly port: number
  readonly child: ChildProcess
  /** Everything the process wrote so far (pino JSON lines on stdout, notes on stderr). */
  log(): string
  /** SIGTERM, then the exit code (0 when it shut down cleanly). */
  stop(): Promise<number | null>
}

/** Writes `config` to `<dataDir>/config.json` and starts `keyledger serve --config … --data-dir …`. */
export const startServerProcess = async (
  dataDir: string, config: Record<string, unknown>, env: Record<string, string> = {}, timeoutMs = 120_000, extraArgs: readonly string[] = [],
): Promise<ServerProcess> => {
  const configFile = join(dataDir, 'config.json')
  writeFileSync(configFile, JSON.stringify(config), { mode: 0o600 })
  const child = spawn(process.execPath, ['bin/keyledger.js', 'serve', '--config', configFile, '--data-dir', dataDir, ...extraArgs], {
    env: { ...process.env, LOG_LEVEL: 'debug', ...env },
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" line within ${timeoutMs} ms; output:\n${out}`)), timeoutMs)
    const look = () => {
      const m = /listening on (https?:\/\/[0-9.]+:\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    }
    child.stdout.on('data', look)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`the server exited (${code}) before listening; output:\n${out}`))
    })
  })
  let stopping: Promise<number | null> | undefined
  return {
    url, port: Number(new URL(url).port), child,
    log: () => out,
    stop: () => (stopping ??= (child.kill('SIGTERM'), exited)),
  }
}

/** `keyledger serve` expected to refuse: its exit code and everything it printed (killed if it starts instead). */
export const serveExpectingRefusal = (dataDir: string, config: Record<string, unknown>, env: Record<string, string> = {}, timeoutMs = 60_000) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const configFile = join(dataDir, 'config.json')
    writeFileSync(configFile, JSON.stringify(config), { mode: 0o600 })
    const child = spawn(process.execPath, ['bin/keyledger.js', 'serve', '--config', configFile, '--data-dir', dataDir], {
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    })
  })
