import type { Pkcs11Executor } from '../../adapters/crypto/pkcs11/executor.ts'
import { freshToken, openExecutor, softhsmAvailable, type FreshToken } from './softhsm.ts'
import { tokenSession, type TokenSession } from './pkcs11-vectors.ts'

/** A spec file's own token: the executor under test and a raw session beside it (null without SoftHSM). */
export interface HsmFixture {
  readonly token: FreshToken
  readonly executor: Pkcs11Executor
  readonly t: TokenSession
}

export const openHsmFixture = (): HsmFixture | null => {
  if (!softhsmAvailable) return null
  const token = freshToken()
  const executor = openExecutor(token.config)
  return { token, executor, t: tokenSession(token.config) }
}

/** For `test.after`: the raw session, then the executor (the last owner finalises the module), then the token. */
export const closeHsmFixture = async (hsm: HsmFixture | null): Promise<void> => {
  if (!hsm) return
  hsm.t.close()
  await hsm.executor.close()
  hsm.token.remove()
}
