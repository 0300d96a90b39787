import { type JobDeps, type JobReport } from './job.ts';
/**
 * Automatic rotation (API reference §5.4): every Enabled key whose NextRotationDate has come gets a new primary
 * version. `decide` re-checks that the key is due on its own stream, so a second scheduler, or a view that lags,
 * ends in a no-op instead of a second version.
 */
export declare const rotateDueKeys: (deps: JobDeps) => Promise<JobReport>;
