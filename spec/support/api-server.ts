import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import type { EventStore } from '../../domain/ports/event-store.ts'
import type { Clock } from '../../domain/ports/clock.ts'
import { MemoryEventStore } from '../../adapters/store/memory.ts'
import { startApp, type App } from '../../composition/app.ts'
import type { AppConfig } from '../../composition/config.ts'

// A real server on 127.0.0.1 (port 0) for specs that speak HTTP: by default on SQLite in a fresh temporary data
// dir, the store users run (issue 20, item 3); `store: 'memory'` only where the memory store is the subject.

export const ACCOUNT_A = '1234567890123456' // has a default software instance
export const ACCOUNT_B = '6543210987654321' // has none: CreateKey without DKMSInstanceId makes its default key
export const INSTANCE_A = 'kst-hzz62ee817bvyyr5x0001'
export const KEY_A = { id: 'testAccessKeyId', secret: 'testAccessKeySecret' }
export const KEY_B = { id: 'accountBKeyId', secret: 'accountBKeySecret-0123456789' }
export const REGION = 'cn-hangzhou'

export const testConfig = (over: Partial<AppConfig> = {}): AppConfig => ({
  dataDir: '.tmp/unused', listen: '127.0.0.1:0', accountId: ACCOUNT_A, region: REGION,
  instances: [{ instanceId: INSTANCE_A, kind: 'software', default: true }],
  accessKeys: [
    { accessKeyId: KEY_A.id, accessKeySecret: KEY_A.secret },
    { accessKeyId: KEY_B.id, accessKeySecret: KEY_B.secret, accountId: ACCOUNT_B },
  ],
  store: { type: 'memory' },
  // No cron tasks in short-lived in-process servers; the scheduler is specced in spec/adapters/scheduler and
  // end to end in spec/adapters/http/rotation-while-serving.spec.ts.
  scheduler: { enabled: false },
  ...over,
})

export const startTestServer = async (o: { config?: Partial<AppConfig>; clock?: Clock; store?: 'sqlite' | 'memory'; env?: NodeJS.ProcessEnv } = {}): Promise<App & { store: EventStore }> => {
  const logger = pino({ level: 'silent' })
  const clock = { ...(o.clock ? { clock: o.clock } : {}), ...(o.env ? { env: o.env } : {}) }
  if (o.store === 'memory') {
    const store = new MemoryEventStore()
    const app = await startApp(testConfig(o.config), { store, logger, ...clock })
    return { ...app, store }
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-api-'))
  const app = await startApp(testConfig({ dataDir, store: { type: 'sqlite' }, ...o.config }), { logger, ...clock })
  return {
    ...app,
    close: async () => {
      try {
        await app.close()
      } finally {
        rmSync(dataDir, { recursive: true, force: true })
      }
    },
  }
}
