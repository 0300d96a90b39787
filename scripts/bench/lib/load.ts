import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { AccessKey } from './sdk-request.ts'
import { onCpus } from './pin.ts'

// The driver's handle on the load process (../load-worker.ts), which runs on core 1 for the whole benchmark.

export interface LoadJob {
  readonly url: string
  readonly connections: number
  readonly seconds: number
  readonly key: AccessKey
  readonly action: string
  readonly params: Record<string, string>
}

export interface LoadResult {
  readonly ok: number
  readonly non2xx: number
  readonly errors: number
  readonly timeouts: number
  readonly seconds: number
  readonly reqPerSec: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly maxMs: number
}

export interface LoadClient {
  run(job: LoadJob): Promise<LoadResult>
  close(): Promise<void>
}

export const startLoadClient = (): LoadClient => {
  const [cmd, args] = onCpus('client', [process.execPath, '--import', 'tsx', join(import.meta.dirname, '..', 'load-worker.ts')])
  const child: ChildProcessWithoutNullStreams = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] })
  child.stderr.on('data', (d) => process.stderr.write(`load: ${d}`))
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  let queue = Promise.resolve() as Promise<unknown>
  return {
    run: (job) => {
      const next = queue.then(async () => {
        child.stdin.write(JSON.stringify(job) + '\n')
        const line = await lines.next()
        if (line.done) throw new Error('the load process ended')
        const r = JSON.parse(line.value) as LoadResult & { error?: string }
        if (r.error) throw new Error(`load: ${r.error}`)
        return r
      })
      queue = next.catch(() => undefined)
      return next
    },
    close: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.on('exit', () => resolve())
      child.stdin.end()
    }),
  }
}
