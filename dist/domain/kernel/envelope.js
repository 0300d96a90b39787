import * as t from 'io-ts';
/**
 * Who caused an event and why (docs/architecture.md §3). `occurredAt` comes from the command's clock, never from the store.
 * `prevHash`/`hash` are added by the store when it seals events into a stream's hash chain.
 */
export const EventMetadata = t.intersection([
    t.type({
        principal: t.string,
        requestId: t.string,
        occurredAt: t.string,
        correlationId: t.string,
        causationId: t.string,
    }),
    t.partial({ sourceIp: t.string, userAgent: t.string, schemaVersion: t.number }),
]);
export const ChainLinks = t.type({ prevHash: t.string, hash: t.string });
export const SealedMetadata = t.intersection([EventMetadata, ChainLinks]);
/** The stream's category is the text before its first dash, so EventStoreDB's `$ce-key` works (docs/architecture.md §3). */
export const categoryOf = (streamId) => {
    const i = streamId.indexOf('-');
    return i < 0 ? streamId : streamId.slice(0, i);
};
