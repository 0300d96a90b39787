import * as E from 'fp-ts/lib/Either.js'
import { faultCause, internalFailure, type KmsError } from '../../domain/errors.ts'
import type { UsageRecorder } from '../../domain/ports/usage-recorder.ts'
import { AuditTrail } from './audit-trail.ts'
import type { CryptoCall } from './call.ts'

/**
 * What a call did to the key before its record was written: `none` for every data-plane call (its result can
 * still be withheld), `stored` for ImportKeyMaterial and DeleteKeyMaterial, whose change is already on the key's
 * stream when the usage record is written — the answer must not claim it did not happen.
 */
export type CallEffect = 'none' | 'stored'

/**
 * Runs an operation and records every key it touched, with the outcome, before answering. An allowed call whose
 * record cannot be stored fails closed with InternalFailure (its result is scrubbed and withheld).
 */
export const audited = async <A>(
  usage: UsageRecorder, call: CryptoCall, run: (trail: AuditTrail) => Promise<E.Either<KmsError, A>>, effect: CallEffect = 'none',
): Promise<E.Either<KmsError, A>> => {
  const trail = new AuditTrail()
  let result: E.Either<KmsError, A>
  try {
    result = await run(trail)
  } catch (e) {
    result = E.left(internalFailure(`The operation failed: ${faultCause(e)}`))
  }
  const records = trail.records({ error: E.isLeft(result) ? result.left : null }, call.ctx.requestId, call.ctx.now.toISOString(), call.caller)
  const stored = await Promise.all(records.map((r) => usage.record(call.ctx, r)))
  const failed = stored.find(E.isLeft)
  if (failed && E.isRight(result)) {
    scrub(result.right)
    return E.left(internalFailure(effect === 'stored'
      ? 'The change was made and is recorded on the key\'s own stream, but its usage record (ActionInvoked) could not be stored.'
      : 'The usage record could not be stored, so the result is withheld; nothing was changed.'))
  }
  return result
}

/** An answer that will not be given (its audit record failed) must not leave plaintext in memory. */
const scrub = (value: unknown): void => {
  if (value && typeof value === 'object' && 'plaintext' in value && Buffer.isBuffer((value).plaintext))
    (value as { plaintext: Buffer }).plaintext.fill(0)
}
