import { isClusterMessage } from "./protocol.js";
/**
 * A worker's side of the primary's shared state (primary.ts): the replay cache (asks of one turn of the event
 * loop go in one message) and the quota gate's per-pool lock.
 */
export class WorkerLink {
    send;
    nextId = 1;
    asks = [];
    verdicts = new Map();
    grants = new Map();
    constructor(send = (m) => void process.send(m)) {
        this.send = send;
    }
    /** Feeds the primary's answers; returns false for messages that are not the cluster's. */
    receive(m) {
        if (!isClusterMessage(m))
            return false;
        const msg = m;
        if (msg.kl === 'nonces') {
            for (const { id, verdict } of msg.verdicts) {
                this.verdicts.get(id)?.(verdict);
                this.verdicts.delete(id);
            }
            // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- IPC wire input: `kl` is only checked to be a string, an unknown kind is ignored
        }
        else if (msg.kl === 'locked') {
            this.grants.get(msg.id)?.();
            this.grants.delete(msg.id);
        }
        return true;
    }
    remember(accessKeyId, nonce, at, now) {
        return new Promise((resolve) => {
            const id = this.nextId++;
            this.verdicts.set(id, resolve);
            if (this.asks.length === 0)
                setImmediate(() => this.flush());
            this.asks.push({ id, accessKeyId, nonce, at, now });
        });
    }
    /** Runs `run` holding the pool's lock in every worker (QuotaGate's cross-process turn). */
    async withPoolLock(pool, run) {
        const id = this.nextId++;
        await new Promise((resolve) => {
            this.grants.set(id, resolve);
            this.send({ kl: 'lock', id, pool });
        });
        try {
            return await run();
        }
        finally {
            this.send({ kl: 'unlock', pool });
        }
    }
    listening(url) {
        this.send({ kl: 'listening', url });
    }
    flush() {
        const asks = this.asks;
        this.asks = [];
        if (asks.length)
            this.send({ kl: 'nonces', asks });
    }
}
