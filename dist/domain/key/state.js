export const initialState = {
    created: false,
    keyId: '', accountId: '', region: '', arn: '',
    kind: 'software', instanceId: null, externalKeyId: null,
    spec: 'Aliyun_AES_256', usage: 'ENCRYPT/DECRYPT', origin: 'Aliyun_KMS', protectionLevel: 'SOFTWARE',
    description: '', creator: '', createdAt: '',
    status: 'Enabled',
    deletionProtection: { enabled: false, description: '' },
    deleteDate: null,
    tags: {},
    rotation: { enabled: false, intervalSeconds: null },
    lastRotationDate: '',
    versions: [],
    primaryVersionId: null,
    policy: '',
    material: { imported: false, expireAt: null },
    materialDestruction: 'none',
};
/** Automatic rotation as DescribeKey shows it: paused while the key cannot be used (API reference §5.4). */
export const automaticRotationStatus = (s) => !s.rotation.enabled ? 'Disabled' : s.status === 'Enabled' ? 'Enabled' : 'Suspended';
/** NextRotationDate = LastRotationDate + interval, only while rotation is on (API reference §5.4). */
export const nextRotationDate = (s) => s.rotation.enabled && s.rotation.intervalSeconds !== null && s.lastRotationDate
    ? new Date(Date.parse(s.lastRotationDate) + s.rotation.intervalSeconds * 1000).toISOString()
    : null;
