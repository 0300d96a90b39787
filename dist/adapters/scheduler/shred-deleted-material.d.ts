import type { DueKey } from '../../projections/due-keys.ts';
import { type JobDeps, type JobReport } from './job.ts';
/** Keys whose destruction is due (not yet recorded), and deleted keys an executor still holds material for. */
export declare const dueForShredding: (keys: Iterable<DueKey>, held: ReadonlySet<string>) => DueKey[];
/**
 * Crypto-shredding reconciliation (docs/architecture.md §5). Material is destroyed after KeyDeleted / KeyMaterialDeleted is
 * stored (crypto/router.ts afterAppend); a crash or a failed destroy there would leave it forever, since a second
 * DeleteKey is a no-op. This job finds every key whose destruction is due or whose deleted material an executor
 * still holds, destroys it (idempotent), and records `KeyMaterialDestroyed` once per deletion, so auditors see it.
 * Runs on its schedule and once when the server starts.
 *
 * Known limit: for KeyMaterialDeleted, a re-import racing this job (material stored, KeyMaterialImported not
 * yet) can lose its material; the key then answers that the version has no material and takes the same import again.
 */
export declare const shredDeletedMaterial: (deps: JobDeps) => Promise<JobReport>;
