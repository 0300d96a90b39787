import * as E from 'fp-ts/lib/Either.js';
import { decodeRecorded } from "../projected-event.js";
export const keyHistory = (keyId, events) => events
    .filter((e) => e.streamId === `key-${keyId}` || e.streamId === `keyusage-${keyId}` || (e.streamId.startsWith('alias-') && namesKey(e.data, keyId)))
    .sort((a, b) => a.position - b.position)
    .map((e) => ({
    position: e.position, streamId: e.streamId, revision: e.revision, type: e.type,
    occurredAt: e.metadata.occurredAt, principal: e.metadata.principal, sourceIp: e.metadata.sourceIp ?? null,
    requestId: e.metadata.requestId, detail: detailOf(e),
}));
/** An alias event concerns the key it points to, and the key it was taken from (AliasRetargeted). */
const namesKey = (data, keyId) => {
    const d = data;
    return d?.keyId === keyId || d?.previousKeyId === keyId;
};
const detailOf = (r) => {
    const d = decodeRecorded(r);
    if (E.isLeft(d))
        return `does not decode: ${d.left.reason}`;
    const p = d.right;
    switch (p.kind) {
        case 'usage': {
            const u = p.event.data;
            return [u.action, u.outcome, u.errorCode, u.callerService && `by ${u.callerService}`, u.callerResource].filter(Boolean).join(' ');
        }
        case 'alias':
            return `${p.event.data.alias} → ${p.event.data.keyId}`;
        case 'key': {
            const e = p.event;
            switch (e.type) {
                case 'KeyCreated': return `${e.data.spec} ${e.data.usage} ${e.data.kind}${e.data.instanceId ? ` in ${e.data.instanceId}` : ''}`;
                case 'DeletionScheduled': return `deletes at ${e.data.deleteDate} (${e.data.pendingWindowInDays} days)`;
                case 'TagBound': return `${e.data.tagKey}=${e.data.tagValue}`;
                case 'TagUnbound': return e.data.tagKey;
                case 'VersionRotated': return `${e.data.versionId} (${e.data.reason})`;
                case 'KeyVersionCreated': return e.data.versionId;
                case 'RotationPolicyUpdated': return e.data.rotation.enabled ? `every ${e.data.rotation.intervalSeconds}s` : 'off';
                case 'DeletionProtectionEnabled': return e.data.description;
                case 'KeyMaterialDestroyed': return e.data.versionIds ? `versions ${e.data.versionIds.join(', ')}` : '';
                default: return '';
            }
        }
        default:
            return '';
    }
};
