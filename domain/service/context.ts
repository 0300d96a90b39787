/** Who asks, when, and under which request: becomes every event's metadata (DESIGN §3). */
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
