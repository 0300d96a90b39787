import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter } from "../../domain/errors.js";
import { decide } from "../../domain/key/index.js";
import { keyDecider } from "../../application/key-service.js";
import { ROTATION_UNITS, scaledIntervalSeconds } from "../../projections/due-keys.js";
// KMS_ROTATION_UNIT / --rotation-unit: FOR TESTS AND DEMOS ONLY, NEVER IN PRODUCTION. With `minute`, a rotation
// interval counts minutes where it says days, so a `7d` policy rotates every 7 minutes. The key's policy, its
// events and DescribeKey's RotationInterval keep the real interval; the scheduler's view, the check `decide` makes
// on an automatic rotation and DescribeKey's NextRotationDate (when it will really rotate) see the scaled one. Unset, or `day`, is the real behaviour.
export const parseRotationUnit = (text) => {
    if (text === undefined || text === '')
        return E.right('day');
    return ROTATION_UNITS.includes(text)
        ? E.right(text)
        : E.left(invalidParameter('KMS_ROTATION_UNIT', `use one of ${ROTATION_UNITS.join(', ')} (tests and demos only)`));
};
export const rotationUnitFromEnv = (env = process.env) => parseRotationUnit(env.KMS_ROTATION_UNIT);
/**
 * The key's rules with the rotation interval scaled for the automatic-rotation check only, so the scheduler's
 * RotateKey(automatic) stays a no-op when not due under the scaled interval: two schedulers stay safe in demos.
 */
export const keyRulesFor = (unit) => unit === 'day'
    ? keyDecider
    : {
        ...keyDecider,
        decide: (cmd, s) => cmd.type === 'RotateKey' && cmd.reason === 'automatic' && s.rotation.intervalSeconds !== null
            ? decide(cmd, { ...s, rotation: { ...s.rotation, intervalSeconds: Math.ceil(scaledIntervalSeconds(s.rotation.intervalSeconds, unit) * 1000) / 1000 } })
            : decide(cmd, s),
    };
