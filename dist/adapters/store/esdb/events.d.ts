import { type AllStreamResolvedEvent, type JSONType, type ResolvedEvent } from '@eventstore/db-client';
import { SealedMetadata, type NewEvent, type RecordedEvent } from '../../../domain/kernel/envelope.ts';
/**
 * Streams in the same database that are not part of the event log: the key vault's (`vault-<keyId>…`, wrapped
 * key material, adapters/vault/esdb-vault.ts). They are unsealed, hold secrets (wrapped) and are destroyed by
 * tombstones, so no read of the log returns them: not projections, audit, reports, nor `store copy`.
 */
export declare const VAULT_STREAM_PREFIX = "vault-";
/**
 * Events no reader of the log gets: `$`-prefixed streams (`$$key-…` metadata, `$ce-…` links, `$stats-…`) and
 * types (`$metadata`, `$>`, `$streamDeleted`) are the server's; `vault-` streams are the vault's.
 */
export declare const isHiddenEvent: (streamId: string, type: string) => boolean;
/** The server-side filter of a subscription without prefixes: everything but `$` and vault streams (.NET regex). */
export declare const LOG_STREAMS_REGEX = "^(?!\\$|vault-)";
/** Events are stored as JSON: data as given, metadata the sealed envelope (with `prevHash`/`hash`). */
export declare const toEventData: (e: NewEvent & {
    metadata: SealedMetadata;
}) => {
    id: string;
    contentType: "application/json";
    type: string;
    data: JSONType;
    metadata: {
        principal: string;
        requestId: string;
        occurredAt: string;
        correlationId: string;
        causationId: string;
    } & {
        sourceIp?: string | undefined;
        userAgent?: string | undefined;
        schemaVersion?: number | undefined;
    } & {
        prevHash: string;
        hash: string;
    };
};
/**
 * Decodes one event read back from the server (a boundary: the metadata is checked against its codec). The
 * position is the `$all` commit position when the read reports one; stream reads of some servers do not
 * (UNVERIFIED, docs/esdb.md), and then `position` is -1.
 */
export declare const toRecordedEvent: (resolved: ResolvedEvent | AllStreamResolvedEvent) => RecordedEvent;
