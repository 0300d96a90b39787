import * as E from 'fp-ts/lib/Either.js'
import FakeTimers from '@sinonjs/fake-timers'
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import type { IdGenerator } from '../../domain/ports/ids.ts'
import type { CommandContext } from '../../domain/kernel/context.ts'
import { KeyService } from '../../application/key-service.ts'
import type { KeyCommand } from '../../domain/key/index.ts'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { MemoryEventStore } from '../../adapters/store/memory.ts'
import { startScheduler, type RunningScheduler, type SchedulerConfig } from '../../composition/scheduler.ts'

// A scheduler world for specs: a real memory event store, real node-cron tasks, and @sinonjs/fake-timers as the
// clock both node-cron and the scheduler read (platform notes §4). Never run as a spec.

export const ACCOUNT = '1234567890123456'
export const REGION = 'cn-hangzhou'
export const SCHEDULER_PRINCIPAL = `acs:ram::${ACCOUNT}:service/keyledger-scheduler`
export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export const at = (iso: string, plusMs = 0): string => new Date(Date.parse(iso) + plusMs).toISOString()

/** Predictable ids, so a spec can name the versions a run made. */
export const counterIds = (prefix = ''): IdGenerator => {
  let n = 0
  const next = (kind: string) => `${kind}${prefix}-${String(++n).padStart(4, '0')}`
  return { keyId: () => next('key-'), versionId: () => next('v'), requestId: () => next('run'), eventId: randomUUID }
}

export const userCtx = (): CommandContext => ({ principal: `acs:ram::${ACCOUNT}:root`, requestId: randomUUID(), now: new Date() })

export const right = <A>(r: E.Either<{ code: string; message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected success, got ${r.left.code}: ${r.left.message}`)
  return r.right
}

export const softwareKey = (rotation: { enabled: boolean; intervalSeconds: number | null } | null, over: Record<string, unknown> = {}) => ({
  accountId: ACCOUNT, region: REGION, kind: 'software' as const, instanceId: 'kst-soft0001', externalKeyId: null,
  spec: 'Aliyun_AES_256' as const, usage: null, origin: 'Aliyun_KMS' as const, protectionLevel: 'SOFTWARE' as const,
  description: '', creator: ACCOUNT, rotation, policy: '', tags: [], ...over,
})

export const captureLog = () => {
  const lines: Array<Record<string, unknown>> = []
  const log = pino({ level: 'info', base: null }, { write: (s: string) => void lines.push(JSON.parse(s)) })
  return { log, lines }
}

export interface World {
  readonly clock: ReturnType<typeof FakeTimers.install>
  readonly store: EventStore
  readonly keys: KeyService
  readonly dataDir: string
  readonly lines: Array<Record<string, unknown>>
  readonly schedulers: RunningScheduler[]
  start(config?: Partial<SchedulerConfig>): Promise<RunningScheduler>
  createKey(rotationDays: number | null, over?: Record<string, unknown>): Promise<string>
  exec(keyId: string, cmd: (now: string) => KeyCommand): Promise<void>
  history(keyId: string): Promise<Array<{ type: string; at: string; data: Record<string, unknown>; principal: string; requestId: string }>>
  /** Moves the clock without firing timers: only before any scheduler has started. */
  jumpTo(iso: string): void
  close(): Promise<void>
}

export const world = (startIso: string, store: EventStore = new MemoryEventStore()): World => {
  const clock = FakeTimers.install({ now: Date.parse(startIso), toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  const keys = new KeyService(store, counterIds('u'))
  const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-scheduler-'))
  const { log, lines } = captureLog()
  const schedulers: RunningScheduler[] = []
  return {
    clock, store, keys, dataDir, lines, schedulers,
    async start(config = {}) {
      const running = right(await startScheduler({ store, ids: counterIds(String(schedulers.length + 1)), log, dataDir, ...config }))
      schedulers.push(running)
      return running
    },
    async createKey(rotationDays, over = {}) {
      const rotation = rotationDays === null ? { enabled: false, intervalSeconds: null } : { enabled: true, intervalSeconds: rotationDays * 86_400 }
      return right(await keys.createKey(softwareKey(rotation, over), userCtx())).state.keyId
    },
    async exec(keyId, cmd) {
      right(await keys.execute(keyId, cmd(new Date().toISOString()), userCtx()))
    },
    async history(keyId) {
      return (await store.readStream(`key-${keyId}`)).map((r) => ({
        type: r.type, at: r.metadata.occurredAt, data: r.data as Record<string, unknown>, principal: r.metadata.principal, requestId: r.metadata.requestId,
      }))
    },
    jumpTo(iso) {
      if (schedulers.length) throw new Error('jumpTo would make node-cron see missed runs; tick instead')
      clock.setSystemTime(Date.parse(iso))
    },
    async close() {
      for (const s of schedulers) await s.stop()
      clock.uninstall()
      await store.close()
    },
  }
}

/**
 * The same store, reached with latency: every call first waits a timer turn (a disk or a network would), so two
 * schedulers firing at one instant interleave their reads and appends instead of running one after the other.
 */
export const latentStore = (store: EventStore): EventStore => {
  const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0))
  return {
    append: async (...a) => { await turn(); return store.append(...a) },
    readStream: async (...a) => { await turn(); return store.readStream(...a) },
    readAll: async (...a) => { await turn(); return store.readAll(...a) },
    subscribeAll: (...a) => store.subscribeAll(...a),
    headPosition: async () => { await turn(); return store.headPosition() },
    close: async () => undefined,
  }
}
