export const refOf = (s, versionId) => ({ keyId: s.keyId, versionId, spec: s.spec, kind: s.kind, instanceId: s.instanceId });
export const answer = (ref) => ({ keyId: ref.keyId, keyVersionId: ref.versionId });
/** A crypto call under one request's authorization: the service asks it on every key it resolves. */
export const cryptoCall = (access, ctx, where, caller) => ({ ctx, accountId: where.accountId, region: where.region, ...(caller ? { caller } : {}), authorizer: access.keyAuthorizer() });
export const CALLER_SERVICE_CONTEXT_KEY = 'aliyun:service';
export const CALLER_RESOURCE_CONTEXT_KEY = 'aliyun:resource';
const MAX_LABEL = 256;
const label = (s) => (s === undefined || s === '' ? undefined : s.slice(0, MAX_LABEL));
export const resolveCaller = (headers, context) => ({
    service: label(headers.service) ?? label(context?.[CALLER_SERVICE_CONTEXT_KEY]),
    resource: label(headers.resource) ?? label(context?.[CALLER_RESOURCE_CONTEXT_KEY]),
});
