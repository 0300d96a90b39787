import type { KmsError } from '../../errors.ts'
import type { UsageRecord } from '../../ports/usage-recorder.ts'
import type { CallerIdentity } from './caller.ts'

/** The keys one call touched, in order (ReEncrypt touches two), to be recorded as `ActionInvoked` each. */
export class AuditTrail {
  private readonly entries: { action: string; keyId: string; versionId: string | null }[] = []

  touch(action: string, keyId: string, versionId: string | null = null): { setVersion(v: string): void } {
    const entry = { action, keyId, versionId }
    this.entries.push(entry)
    return { setVersion: (v) => void (entry.versionId = v) }
  }

  records(outcome: { error: KmsError | null }, requestId: string, at: string, caller: CallerIdentity | undefined): UsageRecord[] {
    const e = outcome.error
    return this.entries.map((x) => ({
      keyId: x.keyId,
      versionId: x.versionId,
      action: x.action,
      outcome: e === null ? 'allowed' : deniedCodes(e.code) ? 'denied' : 'failed',
      errorCode: e?.code ?? null,
      callerService: caller?.service ?? null,
      callerResource: caller?.resource ?? null,
      requestId,
      at,
    }))
  }
}

/**
 * `denied`: the KMS refused the call because of the key's state or a permission (Rejected.*, Forbidden.*);
 * `failed`: the call was allowed but could not be done (bad input, a ciphertext that does not open, …).
 */
const deniedCodes = (code: string): boolean => code.startsWith('Rejected.') || code.startsWith('Forbidden.')
