import type { KmsError } from '../../domain/errors.ts'
import type { UsageRecord } from '../../domain/ports/usage-recorder.ts'
import type { CallerIdentity } from './caller.ts'

/** What the service notes about one key a call touched. */
export interface KeyNote {
  setVersion: (versionId: string) => void
  /** The key's authorization refused the call: this key's record is the denial (and the only one). */
  refuse(error: KmsError): void
}

interface Entry {
  readonly action: string
  readonly keyId: string
  versionId: string | null
  refusal: KmsError | null
}

/** The keys one call touched, in order (ReEncrypt touches two), to be recorded as `ActionInvoked` each. */
export class AuditTrail {
  private readonly entries: Entry[] = []
  /** The asymmetric or wrapping algorithm the call used, once checked (never a caller's unchecked text). */
  private algorithm: string | undefined

  touch(action: string, keyId: string, versionId: string | null = null): KeyNote {
    const entry: Entry = { action, keyId, versionId, refusal: null }
    this.entries.push(entry)
    return {
      setVersion: (v) => void (entry.versionId = v),
      refuse: (e) => void (entry.refusal = e),
    }
  }

  useAlgorithm(algorithm: string): void {
    this.algorithm = algorithm
  }

  records(outcome: { error: KmsError | null }, requestId: string, at: string, caller: CallerIdentity | undefined): UsageRecord[] {
    const e = outcome.error
    // A refusal belongs to the key whose policy refused. Another key of the same call (ReEncrypt's source when
    // the destination refuses) was allowed, so for it the call merely failed: it must not count as a denial.
    const refusedElsewhere = this.entries.some((x) => x.refusal !== null)
    return this.entries.map((x) => ({
      keyId: x.keyId,
      versionId: x.versionId,
      action: x.action,
      outcome: x.refusal !== null ? 'denied' : e === null ? 'allowed' : !refusedElsewhere && deniedCodes(e.code) ? 'denied' : 'failed',
      errorCode: x.refusal?.code ?? e?.code ?? null,
      callerService: caller?.service ?? null,
      callerResource: caller?.resource ?? null,
      requestId,
      at,
      ...(this.algorithm !== undefined ? { algorithm: this.algorithm } : {}),
    }))
  }
}

/**
 * `denied`: the KMS refused the call because of the key's state or a permission (Rejected.*, Forbidden.*);
 * `failed`: the call was allowed but could not be done (bad input, a ciphertext that does not open, …).
 */
const deniedCodes = (code: string): boolean => code.startsWith('Rejected.') || code.startsWith('Forbidden.')
