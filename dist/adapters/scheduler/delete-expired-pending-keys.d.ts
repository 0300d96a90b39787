import { type JobDeps, type JobReport } from './job.ts';
/**
 * Deletion at the end of the pending window (S-8.1, API reference §5.3), then release of the key's aliases. The
 * release is its own step after KeyDeleted: a run that stopped between the two finds the deleted key still
 * holding aliases in the view and finishes the release. `decide` refuses DeleteKey before `deleteDate` and
 * answers a second DeleteKey on a deleted key with no event, which makes two schedulers safe.
 */
export declare const deleteExpiredPendingKeys: (deps: JobDeps) => Promise<JobReport>;
