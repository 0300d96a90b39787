import * as E from 'fp-ts/lib/Either.js'
import { randomIds } from '../../adapters/ids.ts'
import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import { ActionInvoked, keyUsageStreamId } from '../../domain/key/events.ts'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { toMetadata } from '../../domain/kernel/context.ts'
import type { CommandContext } from '../../domain/kernel/context.ts'
import { KeyService } from '../../application/key-service.ts'

// A store filled the way the service fills it: key-, alias- and keyusage- streams, interleaved in global order
// (keys are worked on round after round, so most streams are written by several separate appends).

const ACCOUNT = '1234567890123456'
const REGION = 'cn-hangzhou'
let request = 0
let populations = 0
const ctx = (now: string): CommandContext => ({ principal: `acs:ram::${ACCOUNT}:root`, requestId: `req-${++request}`, now: new Date(now), sourceIp: '10.0.0.7' })
const keyFields = {
  accountId: ACCOUNT, region: REGION, kind: 'software' as const, instanceId: 'kst-soft0001', externalKeyId: null,
  spec: 'Aliyun_AES_256' as const, usage: null, origin: 'Aliyun_KMS' as const, protectionLevel: 'SOFTWARE' as const,
  description: 'copy spec', creator: ACCOUNT, rotation: null, policy: '', tags: [],
}

const must = <A>(r: E.Either<{ code: string; message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(`setup command rejected: ${r.left.code} ${r.left.message}`)
  return r.right
}

/** `keys` keys through the real KeyService: create, alias, tags, disable/enable, rotation policy, and usage records. */
export const populateKeys = async (store: EventStore, keys: number): Promise<void> => {
  const service = new KeyService(store, randomIds)
  const batch = ++populations // alias names stay unique when one store is populated twice
  const ids: string[] = []
  for (let i = 0; i < keys; i++) ids.push(must(await service.createKey({ ...keyFields, description: `key ${i}` }, ctx('2026-01-01T00:00:00Z'))).state.keyId)
  for (const [i, keyId] of ids.entries()) {
    const now = '2026-01-02T00:00:00Z'
    must(await service.alias({ type: 'CreateAlias', alias: `alias/app-${batch}-${i}`, keyId, accountId: ACCOUNT, region: REGION }, ctx(now)))
    must(await service.execute(keyId, { type: 'TagKey', now, tags: [{ TagKey: 'env', TagValue: i % 2 ? 'prod' : 'test' }, { TagKey: 'n', TagValue: String(i) }] }, ctx(now)))
    await recordUsage(store, keyId, 'kms:Encrypt', now)
  }
  for (const [i, keyId] of ids.entries()) {
    const now = '2026-01-03T00:00:00Z'
    if (i % 3 === 0) {
      must(await service.execute(keyId, { type: 'DisableKey', now }, ctx(now)))
      await recordUsage(store, keyId, 'kms:Decrypt', now, 'denied')
      must(await service.execute(keyId, { type: 'EnableKey', now }, ctx(now)))
    } else must(await service.execute(keyId, { type: 'UpdateKeyDescription', now, description: `described ${i} ✓` }, ctx(now)))
    await recordUsage(store, keyId, 'kms:GenerateDataKey', now)
    if (i % 4 === 0) must(await service.alias({ type: 'UpdateAlias', alias: `alias/app-${batch}-${(i + 1) % ids.length}`, keyId, accountId: ACCOUNT, region: REGION }, ctx(now)))
  }
}

/** An `ActionInvoked` on the key's usage stream, as the data plane will record it (docs/architecture.md §3). */
const recordUsage = async (store: EventStore, keyId: string, action: string, at: string, outcome: 'allowed' | 'denied' = 'allowed'): Promise<void> => {
  const context = ctx(at)
  const event: ActionInvoked = {
    type: 'ActionInvoked',
    data: { keyId, versionId: null, action, outcome, errorCode: outcome === 'denied' ? 'Forbidden.KeyNotFound' : null, callerService: 'ecs', callerResource: 'disk/d-123', requestId: context.requestId, at },
  }
  if (!ActionInvoked.is(event)) throw new Error('bad ActionInvoked fixture')
  const streamId = keyUsageStreamId(keyId)
  const last = (await store.readStream(streamId)).length - 1
  const appended = await store.append(streamId, last < 0 ? 'no_stream' : last, [{ eventId: randomIds.eventId(), ...event, metadata: toMetadata(context) }])
  if (E.isLeft(appended)) throw new Error(`usage record conflict on ${streamId}`)
}

/** Everything of an event but its position, which belongs to the store that holds it. */
export const withoutPosition = ({ position: _p, ...rest }: RecordedEvent) => rest

/** Every stream id in global order of first appearance. */
export const streamIdsOf = (events: readonly RecordedEvent[]): string[] => [...new Set(events.map((e) => e.streamId))]
