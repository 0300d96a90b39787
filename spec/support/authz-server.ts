import pino from 'pino'
import { startApp, type App } from '../../composition/app.ts'
import { decodeConfig } from '../../composition/config.ts'
import { MemoryEventStore } from '../../adapters/store/memory.ts'
import type { Clock } from '../../domain/ports/clock.ts'
import { ramRoleArn, ramUserArn, rootArn } from '../../domain/policy/index.ts'
import { keyUsageStreamId } from '../../domain/key/events.ts'

// A server with the authorization world of the seed's S-5 rules, configured as an operator would write the file
// (decoded by decodeConfig): the owning account O (instance INSTANCE, shared with account X), its RAM users
// alice (administrator), ursula (user) and role ops; account X with bob (granted by X) and carol (not granted);
// account Z with dave (granted by Z, never named by a key policy).

export const O = '1234567890123456'
export const X = '2222222222222222'
export const Z = '3333333333333333'
export const REGION = 'cn-hangzhou'
export const INSTANCE = 'kst-hzz62ee817bvyyr5x0001'

export const ARN = {
  oRoot: rootArn(O), alice: ramUserArn(O, 'alice'), ursula: ramUserArn(O, 'ursula'), ops: ramRoleArn(O, 'ops'),
  xRoot: rootArn(X), bob: ramUserArn(X, 'bob'), carol: ramUserArn(X, 'carol'), dave: ramUserArn(Z, 'dave'),
} as const
export type Who = keyof typeof ARN

export const KEYS: Record<Who, { id: string; secret: string }> = Object.fromEntries(
  (Object.keys(ARN) as Who[]).map((w) => [w, { id: `AK${w}`, secret: `secret-of-${w}-0123456789` }])) as Record<Who, { id: string; secret: string }>

const grantAll = (resource: string, deny: string[] = []) => ({
  Version: '1',
  Statement: [
    { Sid: 'GrantKms', Effect: 'Allow', Action: 'kms:*', Resource: resource },
    ...(deny.length ? [{ Sid: 'DenySome', Effect: 'Deny', Action: deny, Resource: '*' }] : []),
  ],
})

export const rawConfig = (over: { quota?: number } = {}) => ({
  dataDir: '.tmp/unused', listen: '127.0.0.1:0', accountId: O, region: REGION,
  instances: [{
    instanceId: INSTANCE, kind: 'software', default: true, sharedWith: [X],
    ...(over.quota !== undefined ? { accessManagementQuota: over.quota } : {}),
  }],
  accounts: [
    { accountId: O, users: ['alice', 'ursula'], roles: ['ops'] },
    { accountId: X, users: ['bob', 'carol'] },
    { accountId: Z, users: ['dave'] },
  ],
  identityPolicies: [
    { principal: ARN.alice, policies: [grantAll(`acs:kms:*:${O}:key/*`)] },
    { principal: ARN.ursula, policies: [grantAll(`acs:kms:*:${O}:key/*`)] },
    // S-5.3 / explicit Deny on the identity side: ops may do everything but DescribeKey.
    { principal: ARN.ops, policies: [grantAll(`acs:kms:*:${O}:key/*`, ['kms:DescribeKey'])] },
    { principal: ARN.bob, policies: [grantAll(`acs:kms:*:${O}:key/*`)] },
    { principal: ARN.dave, policies: [grantAll('*')] },
  ],
  accessKeys: (Object.keys(ARN) as Who[]).map((w) => ({ accessKeyId: KEYS[w].id, accessKeySecret: KEYS[w].secret, principal: ARN[w] })),
  store: { type: 'memory' },
})

/** A clock the spec moves; starts at the real time so the SDK's timestamps stay within the window. */
export class SteppingClock implements Clock {
  private offsetMs = 0
  now(): Date {
    return new Date(Date.now() + this.offsetMs)
  }
  advance(ms: number): void {
    this.offsetMs += ms
  }
}

export const startAuthzServer = async (o: { quota?: number; clock?: Clock } = {}): Promise<App & { store: MemoryEventStore }> => {
  const config = decodeConfig(rawConfig(o))
  if (config._tag === 'Left') throw new Error(config.left)
  const store = new MemoryEventStore()
  const app = await startApp(config.right, { store, logger: pino({ level: 'silent' }), ...(o.clock ? { clock: o.clock } : {}), env: {} })
  return { ...app, store }
}

export interface UsageRecord { type: string; data: Record<string, unknown>; principal: string }

/**
 * The key's usage history as an auditor reads it: every ActionInvoked on `keyusage-<KeyId>`, once the refusals of
 * other accounts still being counted are written (they are aggregated per minute: docs/architecture.md §7).
 */
export const usageOf = async (app: Pick<App, 'crypto' | 'store'>, keyId: string): Promise<UsageRecord[]> => {
  await app.crypto.usage.foreignDenials.flushAll()
  return (await app.store.readStream(keyUsageStreamId(keyId))).map((e) => ({ type: e.type, data: e.data as Record<string, unknown>, principal: e.metadata.principal }))
}
