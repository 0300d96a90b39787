import * as E from 'fp-ts/lib/Either.js';
import { AliasEvent } from "../../domain/alias/alias.js";
import { upcast } from "../../domain/kernel/upcast.js";
import { evolveAliasBinding } from "../../projections/due-keys.js";
const PAGE = 500;
/** Every alias stream folded from the store itself (not from a view), so a release sees the aliases as they are. */
export const readAliasBindings = async (store) => {
    const bindings = new Map();
    for (let after = 0;;) {
        const page = await store.readAll({ after, limit: PAGE, streamPrefixes: ['alias-'] });
        for (const r of page) {
            const d = AliasEvent.decode(upcast(r));
            // An undecodable alias event is left alone here; the due-keys view counts and reports it.
            if (E.isRight(d))
                bindings.set(r.streamId, evolveAliasBinding(bindings.get(r.streamId), d.right));
            after = r.position;
        }
        if (page.length < PAGE)
            return bindings;
    }
};
/**
 * Deletes every alias still pointing at a deleted key. `onlyIfKeyId` makes each deletion conditional on the
 * alias stream's current state, so two schedulers, or a user re-creating the alias meanwhile, never lose an
 * alias that belongs to another key. Returns the aliases released.
 */
export const releaseAliases = async (keys, bindings, keyId, ctx) => {
    const released = [];
    for (const b of bindings.values()) {
        if (b.keyId !== keyId)
            continue;
        const r = await keys.alias({ type: 'DeleteAlias', alias: b.alias, accountId: b.accountId, region: b.region, onlyIfKeyId: keyId }, ctx);
        if (E.isLeft(r))
            return r;
        if (r.right.events.length > 0)
            released.push(b.alias);
    }
    return E.right(released);
};
