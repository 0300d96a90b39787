import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../../domain/errors.ts';
import { type KeyCommand, type KeyEvent, type KeyState } from '../../domain/key/index.ts';
import type { Decider } from '../../domain/kernel/decider.ts';
import { type RotationUnit } from '../../projections/due-keys.ts';
export declare const parseRotationUnit: (text: string | undefined) => E.Either<KmsError, RotationUnit>;
export declare const rotationUnitFromEnv: (env?: NodeJS.ProcessEnv) => E.Either<KmsError, RotationUnit>;
/**
 * The key's rules with the rotation interval scaled for the automatic-rotation check only, so the scheduler's
 * RotateKey(automatic) stays a no-op when not due under the scaled interval: two schedulers stay safe in demos.
 */
export declare const keyRulesFor: (unit: RotationUnit) => Decider<KeyCommand, KeyState, KeyEvent>;
