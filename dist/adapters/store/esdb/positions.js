import { START } from '@eventstore/db-client';
/*
 * The port's `position: number` is EventStoreDB's COMMIT position of the event in `$all` (a byte offset in the
 * transaction log), taken as a plain number. Choices and limits (docs/esdb.md):
 * - exact while the log is under 2^53 bytes (8 PiB); past that `toPortPosition` throws rather than round;
 * - resuming needs `{commit, prepare}`: the adapter passes `{commit: p, prepare: p}`, which is right only when each
 *   event has its own commit position equal to its prepare position. The double does so; on a real server this
 *   must be confirmed for multi-event appends, and the adapter fails loudly (`SharedCommitPosition`) if two
 *   events arrive with the same commit position instead of skipping one of them;
 * - 0 means "before everything": a real log starts with epoch and system records, so no user event sits at 0;
 * - `after` values must be 0 or positions the store returned (a read from the middle of a record is refused by a
 *   real server).
 */
/** The largest commit position a server reports: "no position" on stream reads of older servers. */
const NO_POSITION = 2n ** 64n - 1n;
export const toPortPosition = (commit) => {
    if (commit > BigInt(Number.MAX_SAFE_INTEGER))
        throw new Error(`EventStoreDB commit position ${commit} exceeds 2^53: positions can no longer be numbers`);
    return Number(commit);
};
export const toEsdbPosition = (after) => after <= 0 ? START : { commit: BigInt(after), prepare: BigInt(after) };
/** A commit position the server actually reported, or undefined (`NO_POSITION`, or missing). */
export const reportedPosition = (...candidates) => candidates.find((c) => c !== undefined && c !== NO_POSITION && c >= 0n);
export class SharedCommitPosition extends Error {
    position;
    constructor(position) {
        super(`EventStoreDB returned two events at commit position ${position}: the adapter's position mapping (commit = prepare) does not hold on this server`);
        this.position = position;
    }
}
