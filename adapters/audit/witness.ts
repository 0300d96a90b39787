import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Checkpoint } from '../../domain/audit/checkpoint.ts'

// Witnesses (docs/verifiable-log.md "Witnesses"): places the operator of the data dir cannot rewrite, which keep
// every checkpoint pushed to them. A later `audit verify --checkpoint <witness dir>` checks the log against all
// of them: a log rewritten after a checkpoint left the machine no longer matches it.

export type WitnessConfig =
  | { readonly type: 'directory'; readonly path: string }
  | { readonly type: 'http'; readonly url: string; readonly timeoutMs?: number }

export interface Witness {
  readonly name: string
  push(note: string, checkpoint: Checkpoint): Promise<void>
}

export const checkpointFileName = (c: Checkpoint): string =>
  `${String(c.size).padStart(12, '0')}-${(c.time ?? 'untimed').replace(/[:.]/g, '')}-${c.root.toString('hex').slice(0, 8)}.checkpoint`

/** A directory (a mounted share, a WORM bucket, another machine's disk): one file per checkpoint, never replaced. */
export const directoryWitness = (path: string): Witness => ({
  name: `directory ${path}`,
  push: async (note, c) => {
    mkdirSync(path, { recursive: true })
    const file = join(path, checkpointFileName(c))
    if (!existsSync(file)) writeFileSync(file, note, { flag: 'wx' })
  },
})

/** An HTTP endpoint that accepts a checkpoint as the body of a POST (text/plain); any 2xx answer is acceptance. */
export const httpWitness = (url: string, timeoutMs = 10_000): Witness => ({
  name: `http ${url}`,
  push: async (note) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: note, signal: AbortSignal.timeout(timeoutMs) })
    if (!res.ok) throw new Error(`${url} answered ${res.status}`)
  },
})

export const witnessOf = (c: WitnessConfig): Witness => (c.type === 'directory' ? directoryWitness(c.path) : httpWitness(c.url, c.timeoutMs))
