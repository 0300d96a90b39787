import { AsyncLocalStorage } from 'node:async_hooks';
// Read-your-writes without ceremony (docs/architecture.md §6): the API runs each request inside `track`, and every append the
// request's handlers make through this store notes its position in the request's async context. The dispatch
// then waits for the read models to pass the highest one before it answers. Handlers need not pass positions
// around, and a handler that appends through several services (alias + key, batch tagging) is covered whole.
// Usage streams (`keyusage-`) are not tracked: crypto calls append there in batches shared by several requests,
// and making every Encrypt wait for a read-store commit would put an fsync on the data plane. The usage queries
// catch up to the store's head instead (ReadModels.catchUp).
const UNTRACKED_PREFIXES = ['keyusage-'];
export class PositionTrackingStore {
    inner;
    context = new AsyncLocalStorage();
    constructor(inner) {
        this.inner = inner;
    }
    /** Runs `f`, returning its value and the highest position its tracked appends reached (0: none). */
    async track(f) {
        const written = { position: 0 };
        const value = await this.context.run(written, f);
        return { value, position: written.position };
    }
    async append(streamId, expected, events) {
        const r = await this.inner.append(streamId, expected, events);
        const written = this.context.getStore();
        if (written && r._tag === 'Right' && !UNTRACKED_PREFIXES.some((p) => streamId.startsWith(p)))
            written.position = Math.max(written.position, r.right.position);
        return r;
    }
    readStream(streamId, fromRevision, limit) {
        return this.inner.readStream(streamId, fromRevision, limit);
    }
    readAll(options) {
        return this.inner.readAll(options);
    }
    subscribeAll(options, handler) {
        return this.inner.subscribeAll(options, handler);
    }
    headPosition() {
        return this.inner.headPosition();
    }
    close() {
        return this.inner.close();
    }
}
