import * as E from 'fp-ts/lib/Either.js';
import { AliasEvent } from "../domain/alias/alias.js";
import { categoryOf, SealedMetadata } from "../domain/kernel/envelope.js";
import { ActionInvoked, DefaultKeyReserved, KeyEvent } from "../domain/key/index.js";
import { upcast } from "../domain/kernel/upcast.js";
const codecs = { key: KeyEvent, keyusage: ActionInvoked, alias: AliasEvent, defaultkey: DefaultKeyReserved };
const kinds = { key: 'key', keyusage: 'usage', alias: 'alias', defaultkey: 'defaultkey' };
export const decodeRecorded = (r) => {
    const at = { position: r.position, streamId: r.streamId, revision: r.revision, eventId: r.eventId };
    const problem = (reason) => E.left({ ...at, type: r.type, reason });
    const meta = SealedMetadata.decode(r.metadata);
    if (E.isLeft(meta))
        return problem(`metadata: ${describe(meta.left)}`);
    const category = categoryOf(r.streamId);
    if (!(category in codecs))
        return E.right({ ...at, metadata: meta.right, kind: 'other', event: { type: r.type, data: r.data } });
    const c = category;
    const decoded = codecs[c].decode(upcast(r));
    if (E.isLeft(decoded))
        return problem(`${r.type}: ${describe(decoded.left)}`);
    return E.right({ ...at, metadata: meta.right, kind: kinds[c], event: decoded.right });
};
const describe = (errors) => {
    const first = errors[0];
    if (!first)
        return 'does not decode';
    const path = first.context.map((c) => c.key).filter(Boolean).join('.');
    return first.message ?? `invalid value at ${path || '(root)'}`;
};
