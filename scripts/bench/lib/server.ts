import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { onCpus } from './pin.ts'
import type { AccessKey } from './sdk-request.ts'

// A server under test in its own process on core 0: `keyledger serve` as an operator starts it (default
// settings: SQLite store with synchronous=FULL, so every answer's ActionInvoked record is fsync'd; info logs),
// or one of the bare baselines. Its output goes to a file, as a service manager would keep it.

export const REPO = join(import.meta.dirname, '..', '..', '..')

export interface RunningServer {
  readonly url: string
  readonly pid: number
  readonly logFile: string
  /** Resident set size now, and its peak so far (MiB, from /proc/PID/status). */
  memory(): { rssMiB: number; peakMiB: number } | undefined
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>
}

const waitForListening = async (child: ChildProcess, logFile: string, timeoutMs: number): Promise<string> => {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(readFileSync(logFile, 'utf8'))
    if (m) return m[1]!
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before listening; see ${logFile}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`no "listening on" line within ${timeoutMs} ms; see ${logFile}`)
}

const memoryOf = (pid: number) => (): { rssMiB: number; peakMiB: number } | undefined => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
    return { rssMiB: kb('VmRSS') / 1024, peakMiB: kb('VmHWM') / 1024 }
  } catch {
    return undefined
  }
}

const startProcess = async (argv: string[], env: NodeJS.ProcessEnv, logFile: string, timeoutMs: number): Promise<RunningServer> => {
  const fd = openSync(logFile, 'w')
  const [cmd, args] = onCpus('server', argv)
  const child = spawn(cmd, args, { cwd: REPO, env, stdio: ['ignore', fd, fd] })
  closeSync(fd)
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  let url: string
  try {
    url = await waitForListening(child, logFile, timeoutMs)
  } catch (e) {
    child.kill('SIGKILL')
    throw e
  }
  let stopping: Promise<void> | undefined
  return {
    url, pid: child.pid!, logFile,
    memory: memoryOf(child.pid!),
    stop: () => (stopping ??= (child.exitCode === null && child.signalCode === null ? (child.kill('SIGTERM'), exited) : Promise.resolve())),
  }
}

export const startBareServer = (mode: 'plain' | 'aes', logDir: string): Promise<RunningServer> =>
  startProcess([process.execPath, '--import', 'tsx', join(import.meta.dirname, '..', 'bare-server.ts'), mode], process.env, join(logDir, `bare-${mode}.log`), 30_000)

export interface KeyledgerOptions {
  readonly dataDir: string
  readonly key: AccessKey
  readonly logDir: string
  readonly name: string
  /** Write a V8 CPU profile (node --cpu-prof) into this folder when the server stops. */
  readonly profileDir?: string
  /** Extra arguments to `keyledger serve` (e.g. --workers 2 once it exists). */
  readonly serveArgs?: readonly string[]
}

export const startKeyledger = async (o: KeyledgerOptions): Promise<RunningServer> => {
  mkdirSync(o.dataDir, { recursive: true })
  const flags = o.profileDir ? ['--cpu-prof', '--cpu-prof-dir', o.profileDir] : []
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KMS_LISTEN: '127.0.0.1:0', KMS_ROOT_ACCESS_KEY_ID: o.key.id, KMS_ROOT_ACCESS_KEY_SECRET: o.key.secret,
  }
  // The bench measures capacity, so the per-account throttle (docs/config.md "throttling": read 2,000/s by
  // default, which DescribeKey passes on one core) is raised far above any rate one node reaches; everything else
  // is the default. The file names no secret (the access key comes from the environment), so 0644 is fine.
  const configFile = join(o.logDir, `${o.name}.config.json`)
  const unlimited = { ratePerSecond: 1_000_000, burst: 1_000_000 }
  writeFileSync(configFile, JSON.stringify({ throttling: { cryptographic: unlimited, management: unlimited, read: unlimited } }))
  // A large history takes a while to fold into the read models at the first start (the server waits for it).
  return startProcess([process.execPath, ...flags, join(REPO, 'bin', 'keyledger.js'), 'serve', '--data-dir', o.dataDir, '--config', configFile, ...(o.serveArgs ?? [])],
    env, join(o.logDir, `${o.name}.log`), 30 * 60_000)
}

/** The newest .cpuprofile in a folder (node names them itself). */
export const newestProfile = (dir: string): string | undefined => {
  if (!existsSync(dir)) return undefined
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()
  return files.length ? join(dir, files[files.length - 1]!) : undefined
}
