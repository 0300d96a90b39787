import { type JobDeps, type JobReport } from './job.ts';
/**
 * Imported (BYOK) material past its KeyMaterialExpireUnix is deleted and the key returns to PendingImport
 * (API reference §5.2, §5.11). `decide` ignores an expiry that has not come (or was replaced by a new import).
 */
export declare const expireImportedMaterial: (deps: JobDeps) => Promise<JobReport>;
