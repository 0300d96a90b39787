import * as E from 'fp-ts/lib/Either.js'
import { invalidParameter, type KmsError } from '../../domain/errors.ts'
import { decide, type KeyCommand, type KeyEvent, type KeyState } from '../../domain/key/index.ts'
import type { Decider } from '../../domain/kernel/decider.ts'
import { keyDecider } from '../../application/key-service.ts'
import { ROTATION_UNITS, scaledIntervalSeconds, type RotationUnit } from '../../projections/due-keys.ts'

// KMS_ROTATION_UNIT / --rotation-unit: FOR TESTS AND DEMOS ONLY, NEVER IN PRODUCTION. With `minute`, a rotation
// interval counts minutes where it says days, so a `7d` policy rotates every 7 minutes. The key's policy, its
// events and DescribeKey keep the real interval; only the scheduler's view and the check `decide` makes on an
// automatic rotation see the scaled one. Unset, or `day`, is the real behaviour.

export const parseRotationUnit = (text: string | undefined): E.Either<KmsError, RotationUnit> => {
  if (text === undefined || text === '') return E.right('day')
  return (ROTATION_UNITS as readonly string[]).includes(text)
    ? E.right(text as RotationUnit)
    : E.left(invalidParameter('KMS_ROTATION_UNIT', `use one of ${ROTATION_UNITS.join(', ')} (tests and demos only)`))
}

export const rotationUnitFromEnv = (env: NodeJS.ProcessEnv = process.env): E.Either<KmsError, RotationUnit> =>
  parseRotationUnit(env.KMS_ROTATION_UNIT)

/**
 * The key's rules with the rotation interval scaled for the automatic-rotation check only, so the scheduler's
 * RotateKey(automatic) stays a no-op when not due under the scaled interval: two schedulers stay safe in demos.
 */
export const keyRulesFor = (unit: RotationUnit): Decider<KeyCommand, KeyState, KeyEvent> =>
  unit === 'day'
    ? keyDecider
    : {
        ...keyDecider,
        decide: (cmd, s) =>
          cmd.type === 'RotateKey' && cmd.reason === 'automatic' && s.rotation.intervalSeconds !== null
            ? decide(cmd, { ...s, rotation: { ...s.rotation, intervalSeconds: Math.ceil(scaledIntervalSeconds(s.rotation.intervalSeconds, unit) * 1000) / 1000 } })
            : decide(cmd, s),
      }
