import * as E from 'fp-ts/lib/Either.js';
import { EMPTY_ROOT, consistencyPath } from "../../domain/audit/merkle.js";
import { checkNote, latestCheckpoint, makeCheckpoint } from "./checkpoints.js";
import { loadAuditSigner } from "./signing-key.js";
import { auditTreeFor } from "./tree-for-store.js";
export class AuditLog {
    o;
    opened;
    signerCache;
    constructor(o) {
        this.o = o;
    }
    get tree() {
        this.opened ??= auditTreeFor(this.o.store, this.o.dataDir);
        return this.opened.tree;
    }
    signer() {
        if (this.signerCache)
            return this.signerCache;
        const s = loadAuditSigner(this.o.dataDir, this.o.env);
        if (E.isLeft(s))
            throw new Error(`the audit signing key: ${s.left}`);
        return (this.signerCache = s.right);
    }
    checkpointNow(now) {
        return makeCheckpoint({ tree: this.tree, signer: this.signer(), dataDir: this.o.dataDir, now, witnesses: this.o.witnesses ?? [] });
    }
    /** The scheduler's run: a checkpoint when the log grew since the last one, else nothing. */
    async scheduled(now) {
        await this.tree.catchUp();
        const kept = latestCheckpoint(this.o.dataDir, this.signer());
        return kept && kept.checkpoint.size === this.tree.size() ? 'unchanged' : this.checkpointNow(now);
    }
    /** The newest checkpoint kept that covers at least `size` leaves, or a new one. */
    async latest(now, size = 0) {
        const kept = latestCheckpoint(this.o.dataDir, this.signer());
        if (kept && kept.checkpoint.size >= size)
            return { note: kept.note, size: kept.checkpoint.size, root: kept.checkpoint.root };
        const made = await this.checkpointNow(now);
        return { note: made.note, size: made.checkpoint.size, root: made.checkpoint.root };
    }
    /** RFC 9162 consistency proof between two sizes the tree has reached. */
    async consistency(first, second) {
        await this.tree.catchUp();
        const size = this.tree.size();
        if (!(first >= 0 && first <= second && second <= size))
            return E.left(`sizes must satisfy 0 ≤ FirstSize ≤ SecondSize ≤ ${size}`);
        return E.right(first === 0 ? [] : consistencyPath(first, second, this.tree.range));
    }
    rootAt(size) {
        return size === 0 ? EMPTY_ROOT : this.tree.range(0, size);
    }
    /** Whether a note is a checkpoint this log's key signed. */
    isOwn(note) {
        return checkNote('request', note, this.signer().publicKey, this.signer().origin).ok;
    }
    close() {
        this.opened?.close();
        this.opened = undefined;
    }
}
