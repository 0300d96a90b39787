/** Streams read whole and kept (least recently used dropped first): key, alias and slot streams are short. */
const MAX_STREAMS = 10_000;
/** Past this many new events since the last look, dropping everything is cheaper than finding what changed. */
const MAX_SCAN = 50_000;
/**
 * Whole streams as last read, so a call that loads a key does not query and decode its stream again while it is
 * unchanged. Kept valid by the log itself, whoever wrote it (this process's writer thread, another process on
 * the same file): before answering, every stream with an event after the last position looked at is dropped.
 * That look is one indexed query, and a scan of only the events committed since. The same (frozen) array comes
 * back while a stream is unchanged, so a caller may memoise what it computes from it (the folded state).
 * Usage streams are never cached: they are long and read in pages.
 */
export class StreamCache {
    st;
    streams = new Map();
    checkedUpTo = 0;
    constructor(st) {
        this.st = st;
    }
    static wants(streamId, fromRevision, limit) {
        return fromRevision <= 0 && limit === undefined && !streamId.startsWith('keyusage-');
    }
    read(streamId, readWhole) {
        this.dropChanged();
        const hit = this.streams.get(streamId);
        if (hit) {
            this.streams.delete(streamId); // re-inserted: most recently used goes last
            this.streams.set(streamId, hit);
            return hit;
        }
        const events = Object.freeze(readWhole());
        this.streams.set(streamId, events);
        if (this.streams.size > MAX_STREAMS)
            this.streams.delete(this.streams.keys().next().value);
        return events;
    }
    dropChanged() {
        const head = this.st.head.get().head;
        if (head === this.checkedUpTo)
            return;
        if (head < this.checkedUpTo || head - this.checkedUpTo > MAX_SCAN)
            this.streams.clear();
        else if (this.streams.size > 0)
            for (const { streamId } of this.st.streamsAfter.all(this.checkedUpTo))
                this.streams.delete(streamId);
        this.checkedUpTo = head;
    }
}
