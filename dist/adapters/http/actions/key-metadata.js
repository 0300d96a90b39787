import { automaticRotationStatus, nextRotationDate } from "../../../domain/key/index.js";
import { formatRotationInterval } from "../../../domain/values/rotation-interval.js";
import { apiDate } from "../wire/response.js";
import { scaledIntervalSeconds } from "../../../projections/due-keys.js";
/**
 * `KeyMetadata` as DescribeKey and CreateKey answer it (API reference §1.3, §5.1): the 3.x superset, which 1.2.0
 * ignores where it lacks fields. NextRotationDate and RotationInterval only while rotation is on or suspended.
 */
export const keyMetadata = (k, unit = 'day') => {
    const rotation = automaticRotationStatus(k);
    const rotating = rotation !== 'Disabled' && k.rotation.intervalSeconds !== null;
    return {
        Arn: k.arn,
        AutomaticRotation: rotation,
        CreationDate: apiDate(k.createdAt),
        Creator: k.creator,
        DKMSInstanceId: k.instanceId ?? '',
        DeleteDate: k.status === 'PendingDeletion' ? apiDate(k.deleteDate) : '',
        DeletionProtection: k.deletionProtection.enabled ? 'Enabled' : 'Disabled',
        DeletionProtectionDescription: k.deletionProtection.description,
        Description: k.description,
        KeyId: k.keyId,
        KeySpec: k.spec,
        KeyState: k.status,
        KeyUsage: k.usage,
        LastRotationDate: apiDate(k.lastRotationDate),
        MaterialExpireTime: apiDate(k.material.expireAt),
        ...(rotating ? { NextRotationDate: apiDate(scaledNextRotationDate(k, unit)), RotationInterval: formatRotationInterval(k.rotation.intervalSeconds) } : {}),
        Origin: k.origin,
        PrimaryKeyVersion: k.primaryVersionId ?? '',
        ProtectionLevel: k.protectionLevel,
    };
};
/**
 * When the scheduler will rotate the key: with KMS_ROTATION_UNIT (tests and demos) a 7-day interval rotates
 * after 7 of that unit, and NextRotationDate says so (RotationInterval keeps the key's real setting).
 */
const scaledNextRotationDate = (k, unit) => {
    if (unit === 'day' || k.rotation.intervalSeconds === null)
        return nextRotationDate(k);
    return nextRotationDate({ ...k, rotation: { ...k.rotation, intervalSeconds: scaledIntervalSeconds(k.rotation.intervalSeconds, unit) } });
};
export const keyVersion = (keyId, v) => ({
    CreationDate: apiDate(v.createdAt),
    KeyId: keyId,
    KeyVersionId: v.versionId,
});
