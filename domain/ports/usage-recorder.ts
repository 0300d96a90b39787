import type { Either } from 'fp-ts/lib/Either.js'
import type { KmsError } from '../errors.ts'
import type { ActionInvoked } from '../key/events.ts'
import type { CommandContext } from '../kernel/context.ts'

export type UsageRecord = ActionInvoked['data']

/**
 * Records `ActionInvoked` on `keyusage-<KeyId>` (docs/architecture.md §3). The promise settles once the record is durable:
 * the crypto service answers a caller only after that, so no key use goes unaudited.
 */
export interface UsageRecorder {
  record(ctx: CommandContext, record: UsageRecord): Promise<Either<KmsError, void>>
  /**
   * A refusal of a caller from another account (`callerAccount`) on a key: counted and written later, at most one
   * record per caller, action, error code and window, carrying `count` (docs/architecture.md §7 "Fair audit").
   * Returns at once: nothing is stored on the refusal's path.
   */
  recordForeignDenial(ctx: CommandContext, record: UsageRecord, callerAccount: string): void
}
