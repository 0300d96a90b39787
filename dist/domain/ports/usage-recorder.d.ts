import type { Either } from 'fp-ts/lib/Either.js';
import type { KmsError } from '../errors.ts';
import type { ActionInvoked } from '../key/events.ts';
import type { CommandContext } from '../kernel/context.ts';
export type UsageRecord = ActionInvoked['data'];
/**
 * Records `ActionInvoked` on `keyusage-<KeyId>` (docs/architecture.md §3). The promise settles once the record is durable:
 * the crypto service answers a caller only after that, so no key use goes unaudited.
 */
export interface UsageRecorder {
    record(ctx: CommandContext, record: UsageRecord): Promise<Either<KmsError, void>>;
}
