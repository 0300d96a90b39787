import * as t from 'io-ts';
/**
 * Who caused an event and why (docs/architecture.md §3). `occurredAt` comes from the command's clock, never from the store.
 * `prevHash`/`hash` are added by the store when it seals events into a stream's hash chain.
 */
export declare const EventMetadata: t.IntersectionC<[t.TypeC<{
    principal: t.StringC;
    requestId: t.StringC;
    occurredAt: t.StringC;
    correlationId: t.StringC;
    causationId: t.StringC;
}>, t.PartialC<{
    sourceIp: t.StringC;
    userAgent: t.StringC;
    schemaVersion: t.NumberC;
}>]>;
export type EventMetadata = t.TypeOf<typeof EventMetadata>;
export declare const ChainLinks: t.TypeC<{
    prevHash: t.StringC;
    hash: t.StringC;
}>;
export type ChainLinks = t.TypeOf<typeof ChainLinks>;
export declare const SealedMetadata: t.IntersectionC<[t.IntersectionC<[t.TypeC<{
    principal: t.StringC;
    requestId: t.StringC;
    occurredAt: t.StringC;
    correlationId: t.StringC;
    causationId: t.StringC;
}>, t.PartialC<{
    sourceIp: t.StringC;
    userAgent: t.StringC;
    schemaVersion: t.NumberC;
}>]>, t.TypeC<{
    prevHash: t.StringC;
    hash: t.StringC;
}>]>;
export type SealedMetadata = t.TypeOf<typeof SealedMetadata>;
/** An event about to be appended: its type and data come from a decider, its id and metadata from the service. */
export interface NewEvent {
    readonly eventId: string;
    readonly type: string;
    readonly data: unknown;
    readonly metadata: EventMetadata;
}
/** An event as a store returns it: position in its stream (`revision`, from 0) and in the whole store. */
export interface RecordedEvent {
    readonly streamId: string;
    readonly revision: number;
    readonly position: number;
    readonly eventId: string;
    readonly type: string;
    readonly data: unknown;
    readonly metadata: SealedMetadata;
}
/** The stream's category is the text before its first dash, so EventStoreDB's `$ce-key` works (docs/architecture.md §3). */
export declare const categoryOf: (streamId: string) => string;
