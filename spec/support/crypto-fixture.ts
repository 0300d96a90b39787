import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { MemoryEventStore } from '../../adapters/store/memory.ts'
import { SqliteKeyVault } from '../../adapters/vault/sqlite-vault.ts'
import { SoftwareExecutor } from '../../adapters/crypto/software/executor.ts'
import { SoftwareKeyTransport } from '../../adapters/crypto/key-transport.ts'
import { CryptoRouter } from '../../adapters/crypto/router.ts'
import { blobFormat } from '../../adapters/crypto/blob.ts'
import { EventStoreUsageRecorder } from '../../adapters/usage/event-store-usage-recorder.ts'
import { randomIds } from '../../adapters/ids.ts'
import { KeyService } from '../../application/key-service.ts'
import { CryptoService, type CryptoCall } from '../../application/crypto-service.ts'
import type { CommandContext } from '../../domain/kernel/context.ts'
import type { KeyAuthorizer } from '../../application/access/request-access.ts'
import type { CreateKey } from '../../domain/key/commands.ts'
import type { KeyState } from '../../domain/key/state.ts'
import type { CryptoExecutor } from '../../domain/ports/crypto-executor.ts'
import { randomBytes } from 'node:crypto'

export const ACCOUNT = '1234567890123456'
export const REGION = 'cn-hangzhou'
export const INSTANCE = 'kst-soft0001'
export const T0 = new Date('2026-01-01T00:00:00.000Z')

/**
 * The service's own behaviour, with no key policy in the way: every key may be used and a name that finds no key
 * is simply not found. Authorization itself is specified through the API (spec/adapters/http/authorization.spec.ts).
 */
export const allowEveryKey: KeyAuthorizer = { checkKey: () => E.right(undefined), unseen: (_named, _action, notFound) => notFound }

/** A whole crypto stack on the memory event store and a real SQLite vault in a temp dir. */
export const cryptoFixture = (options: { instances?: ReadonlyMap<string, CryptoExecutor> } = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-crypto-'))
  const vaultPath = join(dir, 'vault.db')
  const rootKey = randomBytes(32)
  const vault = E.getOrElseW((e: { message: string }) => { throw new Error(e.message) })(SqliteKeyVault.open(vaultPath, rootKey))
  const executor = new SoftwareExecutor(vault)
  const destroyFailures: string[] = []
  const router = new CryptoRouter({
    instances: new Map<string, CryptoExecutor>([[INSTANCE, executor], ...(options.instances ?? [])]), defaultKeyExecutor: executor,
    onDestroyFailure: (keyId, e) => destroyFailures.push(`${keyId}: ${e.code}`),
  })
  const store = new MemoryEventStore()
  const keys = new KeyService(store, randomIds, router)
  const usage = new EventStoreUsageRecorder(store, randomIds)
  const crypto = new CryptoService({ keys, router, blobs: blobFormat, transport: new SoftwareKeyTransport(vault), usage })
  let now = T0
  const ctx = (): CommandContext => ({ principal: `acs:ram::${ACCOUNT}:root`, requestId: randomIds.requestId(), now })
  const call = (caller?: CryptoCall['caller'], authorizer: KeyAuthorizer = allowEveryKey): CryptoCall =>
    ({ ctx: ctx(), accountId: ACCOUNT, region: REGION, authorizer, ...(caller ? { caller } : {}) })
  const ok = <A>(r: E.Either<{ code: string; message: string }, A>): A => {
    if (E.isLeft(r)) throw new Error(`expected success, got ${r.left.code}: ${r.left.message}`)
    return r.right
  }
  const createKey = async (over: Partial<Omit<CreateKey, 'type'>> = {}): Promise<KeyState> =>
    ok(await keys.createKey({
      accountId: ACCOUNT, region: REGION, kind: 'software', instanceId: INSTANCE, externalKeyId: null, spec: 'Aliyun_AES_256',
      usage: null, origin: 'Aliyun_KMS', protectionLevel: 'SOFTWARE', description: '', creator: ACCOUNT, rotation: null,
      policy: '{"Version":"1","Statement":[]}', tags: [], ...over,
    }, ctx())).state
  const command = async (keyId: string, cmd: Record<string, unknown>) =>
    ok(await keys.execute(keyId, { now: now.toISOString(), ...cmd } as never, ctx()))
  const usageOf = async (keyId: string) => (await store.readStream(`keyusage-${keyId}`)).map((e) => e.data as Record<string, unknown>)
  return {
    dir, vaultPath, rootKey, vault, executor, router, store, keys, crypto, usage, destroyFailures,
    call, ctx, ok, createKey, command, usageOf,
    setNow: (d: Date) => void (now = d),
    advanceDays: (days: number) => void (now = new Date(now.getTime() + days * 86_400_000)),
    close: async () => {
      await executor.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export type CryptoFixture = ReturnType<typeof cryptoFixture>
