import * as E from 'fp-ts/lib/Either.js'
import { randomUUID } from 'node:crypto'
import type { EventMetadata } from '../../domain/kernel/envelope.ts'
import { keyUsageStreamId, type ActionInvoked, type CreateKey, type KeyCommand } from '../../domain/key/index.ts'
import type { AliasCommand } from '../../domain/alias/alias.ts'
import type { EventStore } from '../../domain/ports/event-store.ts'
import type { CommandContext } from '../../domain/kernel/context.ts'
import { KeyService } from '../../application/key-service.ts'
import { randomIds } from '../../adapters/ids.ts'
import { MemoryEventStore } from '../../adapters/store/memory.ts'
import { SqliteReadStore } from '../../adapters/readstore/sqlite.ts'
import { ProjectionRunner } from '../../adapters/readstore/runner.ts'
import { allViews } from '../../projections/views/index.ts'

// A small world for projection specs: the real key service over the memory store, the real SQLite read store
// (in memory), and a runner feeding it.

export const ACCOUNT = '1234567890123456'
export const OTHER_ACCOUNT = '9999888877776666'
export const REGION = 'cn-hangzhou'
export const T0 = '2026-01-01T00:00:00.000Z'
export const at = (iso: string, days: number): string => new Date(Date.parse(iso) + days * 86_400_000).toISOString()

export const ctx = (now: string, over: Partial<CommandContext> = {}): CommandContext => ({
  principal: `acs:ram::${ACCOUNT}:user/alice`, requestId: randomUUID(), now: new Date(now), sourceIp: '10.0.0.7', ...over,
})

export type CreateOptions = Partial<Omit<CreateKey, 'type' | 'keyId' | 'versionId' | 'now'>>

export class World {
  readonly service: KeyService
  readonly readStore = SqliteReadStore.open(':memory:')
  readonly runner: ProjectionRunner

  constructor(readonly store: EventStore = new MemoryEventStore(), batchSize?: number) {
    this.service = new KeyService(store, randomIds)
    this.runner = new ProjectionRunner({ store, readStore: this.readStore, views: allViews, ...(batchSize ? { batchSize } : {}) })
  }

  async createKey(now: string, o: CreateOptions = {}): Promise<string> {
    const r = await this.service.createKey({
      accountId: ACCOUNT, region: REGION, kind: 'software', instanceId: 'kst-test0001', externalKeyId: null,
      spec: 'Aliyun_AES_256', usage: null, origin: 'Aliyun_KMS', protectionLevel: 'SOFTWARE', description: '',
      creator: ACCOUNT, rotation: null, policy: '{"Version":"1","Statement":[]}', tags: [], ...o,
    }, ctx(now))
    if (E.isLeft(r)) throw new Error(`createKey: ${r.left.code} ${r.left.message}`)
    return r.right.state.keyId
  }

  async run(keyId: string, cmd: KeyCommand, now = cmd.now): Promise<number> {
    const r = await this.service.execute(keyId, cmd, ctx(now))
    if (E.isLeft(r)) throw new Error(`${cmd.type}: ${r.left.code} ${r.left.message}`)
    return r.right.position
  }

  async alias(cmd: AliasCommand, now: string): Promise<number> {
    const r = await this.service.alias(cmd, ctx(now))
    if (E.isLeft(r)) throw new Error(`${cmd.type}: ${r.left.code} ${r.left.message}`)
    return r.right.position
  }

  /** Records a call as the HTTP layer will: an ActionInvoked on the key's usage stream. */
  async call(keyId: string, when: string, o: Partial<ActionInvoked['data']> = {}): Promise<number> {
    const requestId = randomUUID()
    const metadata: EventMetadata = {
      principal: `acs:ram::${ACCOUNT}:role/ecs`, requestId, occurredAt: when, correlationId: requestId, causationId: requestId, sourceIp: '10.0.0.9',
    }
    const data: ActionInvoked['data'] = {
      keyId, versionId: null, action: 'kms:Encrypt', outcome: 'allowed', errorCode: null, callerService: 'ecs',
      callerResource: 'disk/d-1', requestId, at: when, ...o,
    }
    const r = await this.store.append(keyUsageStreamId(keyId), 'any', [{ eventId: randomUUID(), type: 'ActionInvoked', data, metadata }])
    if (E.isLeft(r)) throw new Error('append ActionInvoked failed')
    return r.right.position
  }

  /** Starts the runner, lets it reach the store's head, and stops it. */
  async catchUp(): Promise<void> {
    this.runner.start()
    const head = await this.store.headPosition()
    if (!(await this.runner.waitFor(head, 5000))) throw new Error(`views did not reach ${head}`)
  }

  async close(): Promise<void> {
    await this.runner.stop()
    this.readStore.close()
    await this.store.close()
  }
}
