import * as t from 'io-ts'
import type { AccessKey, AccessKeyStore } from '../../../domain/ports/access-keys.ts'

export type { AccessKey, AccessKeyStore } from '../../../domain/ports/access-keys.ts'

export const AccessKeyConfig = t.intersection([
  t.type({ accessKeyId: t.string, accessKeySecret: t.string }),
  t.partial({ principal: t.string, accountId: t.string, enabled: t.boolean }),
])
export type AccessKeyConfig = t.TypeOf<typeof AccessKeyConfig>

/** Access keys from the configuration, held in memory. */
export class InMemoryAccessKeyStore implements AccessKeyStore {
  private readonly keys = new Map<string, AccessKey>()

  constructor(keys: readonly AccessKey[]) {
    for (const k of keys) this.keys.set(k.accessKeyId, k)
  }

  async find(accessKeyId: string): Promise<AccessKey | undefined> {
    return this.keys.get(accessKeyId)
  }
}

export const accessKeyFromConfig = (c: AccessKeyConfig, defaultAccountId: string): AccessKey => {
  // A principal ARN names its account; decodeConfig has checked that an explicit accountId agrees with it.
  const accountId = c.accountId ?? /^acs:ram::([0-9]+):/.exec(c.principal ?? '')?.[1] ?? defaultAccountId
  return {
    accessKeyId: c.accessKeyId,
    secret: c.accessKeySecret,
    accountId,
    principal: c.principal ?? `acs:ram::${accountId}:root`,
    enabled: c.enabled ?? true,
  }
}

/** Several sources asked in order (configuration first, then keys made with the CLI); the first that knows the id answers. */
export class ChainedAccessKeyStore implements AccessKeyStore {
  constructor(private readonly stores: readonly AccessKeyStore[]) {}

  async find(accessKeyId: string): Promise<AccessKey | undefined> {
    for (const s of this.stores) {
      const k = await s.find(accessKeyId)
      if (k) return k
    }
    return undefined
  }
}
