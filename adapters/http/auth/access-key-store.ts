import * as t from 'io-ts'

/** What an access key stands for: whose secret signs, which principal acts, in which account (DESIGN §7). */
export interface AccessKey {
  readonly accessKeyId: string
  readonly secret: string
  /** The principal's ARN, e.g. `acs:ram::<account>:root` or `acs:ram::<account>:user/<name>`. */
  readonly principal: string
  readonly accountId: string
  readonly enabled: boolean
}

/** The port the verifier asks; a RAM-backed store (users, rotation of keys) can replace the in-memory one. */
export interface AccessKeyStore {
  find(accessKeyId: string): Promise<AccessKey | undefined>
}

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
