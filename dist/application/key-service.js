import * as E from 'fp-ts/lib/Either.js';
import { aliasNotFound, keyNotFound, limitExceeded } from "../domain/errors.js";
import { aliasDecider, aliasStreamId } from "../domain/alias/alias.js";
import { checkActionAllowed, decide, defaultKeySlotDecider, defaultKeySlotStreamId, initialState, keyDecider, keyStreamId, } from "../domain/key/index.js";
import { CommandHandler } from "./command-handler.js";
export { aliasDecider, keyDecider };
/** The key lifecycle over the store: every command is load → decide → append, retried on conflict. */
export class KeyService {
    store;
    ids;
    material;
    keyRules;
    handler;
    constructor(store, ids, material, 
    /**
     * The key's rules; the domain's own by default. The scheduler's test/demo rotation unit passes a wrapper that
     * sees rotation intervals scaled (adapters/scheduler/rotation-unit.ts), so the rules themselves never change.
     */
    keyRules = keyDecider) {
        this.store = store;
        this.ids = ids;
        this.material = material;
        this.keyRules = keyRules;
        this.handler = new CommandHandler(store, ids);
    }
    /** The key's current state; `Forbidden.KeyNotFound` when it never existed or was deleted. */
    async load(keyId) {
        const loaded = await this.handler.load(this.keyRules, keyStreamId(keyId));
        if (E.isLeft(loaded))
            return loaded;
        const s = loaded.right.state;
        return s.created && s.status !== 'Deleted' ? E.right(s) : E.left(keyNotFound(keyId));
    }
    /** Like `load`, but a deleted key is returned too (audit, material destruction). */
    async loadAny(keyId) {
        const loaded = await this.handler.load(this.keyRules, keyStreamId(keyId));
        return E.map((l) => l.state)(loaded);
    }
    async createKey(cmd, ctx) {
        const keyId = cmd.keyId ?? (cmd.kind === 'default' ? this.ids.versionId() : this.ids.keyId());
        const command = { ...cmd, type: 'CreateKey', keyId, versionId: this.ids.versionId(), now: ctx.now.toISOString() };
        // Validate before reserving the region's default-key slot, so that a bad request never uses it up.
        const dryRun = decide(command, initialState);
        if (E.isLeft(dryRun))
            return dryRun;
        if (cmd.kind === 'default')
            return this.createDefaultKey(command, ctx);
        return this.execute(keyId, command, ctx);
    }
    /**
     * S-1.2 through the `defaultkey-<account>.<region>` slot. The slot is reserved before the key is created, so a
     * failure in between (material, store, crash) leaves a slot naming a key that never existed: the next
     * CreateKey finishes that reservation by creating the key under the reserved id (the key stream's "no stream"
     * append lets exactly one creation win). A deleted default key frees the slot (docs: README "default key").
     */
    async createDefaultKey(command, ctx) {
        const slotStream = defaultKeySlotStreamId(command.accountId, command.region);
        const full = (keyId) => limitExceeded(`S-1.2: region ${command.region} already has its default key ${keyId}; create more keys in a KMS instance.`);
        // Two rounds: a reservation lost to a concurrent one is looked at once more (that key may be the stale kind).
        for (let round = 0; round < 2; round++) {
            const slot = await this.handler.load(defaultKeySlotDecider, slotStream);
            if (E.isLeft(slot))
                return slot;
            const holderId = slot.right.state.keyId;
            let releasedKeyId = null;
            if (holderId !== null) {
                const holder = await this.handler.load(this.keyRules, keyStreamId(holderId));
                if (E.isLeft(holder))
                    return holder;
                if (!holder.right.state.created) {
                    const finished = await this.execute(holderId, { ...command, keyId: holderId }, ctx);
                    // Someone else finished (or is finishing) the same reservation first: the region has its key.
                    return E.isLeft(finished) && finished.left.code === 'Rejected.ResourceExist' ? E.left(full(holderId)) : finished;
                }
                if (holder.right.state.status !== 'Deleted')
                    return E.left(full(holderId));
                releasedKeyId = holderId;
            }
            const reserved = await this.handler.handle(defaultKeySlotDecider, slotStream, { accountId: command.accountId, region: command.region, keyId: command.keyId, releasedKeyId }, ctx);
            if (E.isLeft(reserved)) {
                if (reserved.left.code === 'Rejected.LimitExceeded' && round === 0)
                    continue;
                return reserved;
            }
            const created = await this.execute(command.keyId, command, ctx);
            return E.isLeft(created) && created.left.code === 'Rejected.ResourceExist' ? E.left(full(command.keyId)) : created;
        }
        return E.left(full('(reserved meanwhile)'));
    }
    async execute(keyId, command, ctx) {
        const result = await this.handler.handle(this.keyRules, keyStreamId(keyId), command, ctx, this.material ? (events, state) => this.material.provision(state, events) : undefined);
        if (E.isRight(result) && this.material && result.right.events.length > 0)
            await this.material.afterAppend(result.right.state, result.right.events);
        return result;
    }
    /**
     * One command on several keys (S-3.6 batch tagging): every key is checked first, so a refusal on one key
     * changes none; then each key's events are appended (each append is atomic per key).
     */
    async executeMany(keyIds, command, ctx) {
        for (const keyId of keyIds) {
            const loaded = await this.handler.load(this.keyRules, keyStreamId(keyId));
            if (E.isLeft(loaded))
                return loaded;
            const checked = this.keyRules.decide(command, loaded.right.state.created ? loaded.right.state : { ...loaded.right.state, keyId });
            if (E.isLeft(checked))
                return checked;
        }
        const results = [];
        for (const keyId of keyIds) {
            const r = await this.execute(keyId, command, ctx);
            if (E.isLeft(r))
                return r;
            results.push(r.right);
        }
        return E.right(results);
    }
    /** Resolves an alias to its key id within an account and region. */
    async resolveAlias(accountId, region, alias) {
        const loaded = await this.handler.load(aliasDecider, aliasStreamId(accountId, region, alias));
        if (E.isLeft(loaded))
            return loaded;
        const keyId = loaded.right.state.keyId;
        return keyId === null ? E.left(aliasNotFound(alias)) : E.right(keyId);
    }
    /** CreateAlias and UpdateAlias need the target key in a state the table allows (API reference §5.2). */
    async alias(command, ctx) {
        if (command.type !== 'DeleteAlias') {
            const key = await this.load(command.keyId);
            if (E.isLeft(key))
                return key;
            const allowed = checkActionAllowed(command.type, key.right);
            if (E.isLeft(allowed))
                return allowed;
        }
        return this.handler.handle(aliasDecider, aliasStreamId(command.accountId, command.region, command.alias), command, ctx);
    }
    get eventStore() {
        return this.store;
    }
}
