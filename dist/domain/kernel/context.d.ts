import type { EventMetadata } from './envelope.ts';
/** Who asks, when, and under which request: becomes every event's metadata (docs/architecture.md §3). */
export interface CommandContext {
    readonly principal: string;
    readonly requestId: string;
    readonly now: Date;
    readonly sourceIp?: string;
    readonly userAgent?: string;
    readonly correlationId?: string;
    readonly causationId?: string;
}
export declare const systemPrincipal: (accountId: string) => string;
/** The metadata every event written under this context carries (docs/architecture.md "Events"). */
export declare const toMetadata: (ctx: CommandContext) => EventMetadata;
