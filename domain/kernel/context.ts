import type { EventMetadata } from './envelope.ts'

/** Who asks, when, and under which request: becomes every event's metadata (docs/architecture.md §3). */
export interface CommandContext {
  readonly principal: string
  readonly requestId: string
  readonly now: Date
  readonly sourceIp?: string
  readonly userAgent?: string
  readonly correlationId?: string
  readonly causationId?: string
}

export const systemPrincipal = (accountId: string): string => `acs:ram::${accountId}:root`

/** The metadata every event written under this context carries (docs/architecture.md "Events"). */
export const toMetadata = (ctx: CommandContext): EventMetadata => ({
  principal: ctx.principal,
  requestId: ctx.requestId,
  occurredAt: ctx.now.toISOString(),
  correlationId: ctx.correlationId ?? ctx.requestId,
  causationId: ctx.causationId ?? ctx.requestId,
  ...(ctx.sourceIp ? { sourceIp: ctx.sourceIp } : {}),
  ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
})
