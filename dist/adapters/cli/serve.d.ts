import type { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { buildServeConfig } from '../../composition/settings.ts';
export { buildServeConfig };
/** `--workers` or KMS_WORKERS: a whole number from 1 to 64 (1: no cluster, the default). */
export declare const workerCount: (flag: string | undefined, env: NodeJS.ProcessEnv) => E.Either<string, number>;
export declare const registerServe: (program: Command) => void;
