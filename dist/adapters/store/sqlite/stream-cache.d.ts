import type { RecordedEvent } from '../../../domain/kernel/envelope.ts';
import type { Statements } from './statements.ts';
/**
 * Whole streams as last read, so a call that loads a key does not query and decode its stream again while it is
 * unchanged. Kept valid by the log itself, whoever wrote it (this process's writer thread, another process on
 * the same file): before answering, every stream with an event after the last position looked at is dropped.
 * That look is one indexed query, and a scan of only the events committed since. The same (frozen) array comes
 * back while a stream is unchanged, so a caller may memoise what it computes from it (the folded state).
 * Usage streams are never cached: they are long and read in pages.
 */
export declare class StreamCache {
    private readonly st;
    private readonly streams;
    private checkedUpTo;
    constructor(st: Statements);
    static wants(streamId: string, fromRevision: number, limit: number | undefined): boolean;
    read(streamId: string, readWhole: () => RecordedEvent[]): readonly RecordedEvent[];
    private dropChanged;
}
