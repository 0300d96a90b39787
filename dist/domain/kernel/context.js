export const systemPrincipal = (accountId) => `acs:ram::${accountId}:root`;
/** The metadata every event written under this context carries (docs/architecture.md "Events"). */
export const toMetadata = (ctx) => ({
    principal: ctx.principal,
    requestId: ctx.requestId,
    occurredAt: ctx.now.toISOString(),
    correlationId: ctx.correlationId ?? ctx.requestId,
    causationId: ctx.causationId ?? ctx.requestId,
    ...(ctx.sourceIp ? { sourceIp: ctx.sourceIp } : {}),
    ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
});
