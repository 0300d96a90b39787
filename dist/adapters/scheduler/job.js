import * as E from 'fp-ts/lib/Either.js';
import { faultCause, internalFailure } from "../../domain/errors.js";
export const JOB_NAMES = ['rotateDueKeys', 'deleteExpiredPendingKeys', 'expireImportedMaterial', 'shredDeletedMaterial', 'checkpointAuditLog'];
/** The scheduler acts as a service principal of the key's own account, so its events say who did them. */
export const SCHEDULER_SERVICE = 'keyledger-scheduler';
export const schedulerPrincipal = (accountId) => `acs:ram::${accountId}:service/${SCHEDULER_SERVICE}`;
/** Every event of one run carries the run id as request id (and so as correlation id). */
export const jobContext = (accountId, runId, now) => ({ principal: schedulerPrincipal(accountId), requestId: runId, now, userAgent: SCHEDULER_SERVICE });
export const failedWith = (error) => ({ kind: 'failed', error });
export const fromEither = (r, then) => (E.isLeft(r) ? failedWith(r.left) : then(r.right));
/**
 * One run of a job: catch up, pick the due keys, act on each with the clock's time at that moment. A failure on
 * one key (a value or a thrown infrastructure error) is recorded and the run goes on with the next key.
 */
export const runOverDueKeys = async (job, deps, pick, act) => {
    const runId = deps.ids.requestId();
    const startedAt = deps.clock.now().toISOString();
    await deps.dueKeys.catchUp();
    const done = [];
    const unchanged = [];
    const failed = [];
    for (const key of pick(deps.dueKeys.view(), deps.clock.now())) {
        let outcome;
        try {
            outcome = await act(key, jobContext(key.accountId, runId, deps.clock.now()));
        }
        catch (e) {
            outcome = failedWith(internalFailure(faultCause(e)));
        }
        if (outcome.kind === 'done')
            done.push({ keyId: key.keyId, what: outcome.what });
        else if (outcome.kind === 'unchanged')
            unchanged.push(key.keyId);
        else {
            failed.push({ keyId: key.keyId, code: outcome.error.code, message: outcome.error.message });
            deps.log.warn({ job, runId, keyId: key.keyId, code: outcome.error.code, message: outcome.error.message }, 'scheduler: key not processed');
        }
    }
    return { job, runId, startedAt, finishedAt: deps.clock.now().toISOString(), done, unchanged, failed };
};
