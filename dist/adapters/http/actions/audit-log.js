import * as E from 'fp-ts/lib/Either.js';
import { badRequest, invalidParameter } from "../../../domain/errors.js";
import { keyStreamId, keyUsageStreamId } from "../../../domain/key/index.js";
import { PROOF_FORMAT, proveEvents } from "../../../projections/audit/proof-bundle.js";
import { requiredString } from "../wire/fields.js";
import { keyRequest } from "./action.js";
import { resolveKey } from "../../../application/access/key-access.js";
import { HISTORY_WINDOW } from "./ledger.js";
// The verifiable log over HTTP (docs/http-api.md "Verifiable log"; docs/verifiable-log.md), signed and
// authorized like every action: GetAuditPublicKey, GetAuditCheckpoint and GetConsistencyProof on the caller's
// account (they describe the whole log: sizes and hashes, no event content), GetInclusionProof on a key (its
// policy decides, as for ListKeyHistory: the answer holds the key's events).
const logOf = (s) => s.auditLog ? E.right(s.auditLog) : E.left(badRequest('Forbidden.AuditLogDisabled', 'This server keeps no verifiable log.'));
const size = (v, name) => {
    if (v === undefined || v === '')
        return E.right(undefined);
    return /^(0|[1-9][0-9]{0,15})$/.test(v) ? E.right(Number(v)) : E.left(invalidParameter(name, 'A tree size: a whole number, 0 or more.'));
};
const getAuditPublicKey = async (_ctx, s) => {
    const log = logOf(s);
    if (E.isLeft(log))
        return log;
    const k = log.right.signer();
    return E.right({ Origin: k.origin, KeyId: k.keyId, Algorithm: 'Ed25519', VerifierKey: k.verifierKey, PublicKey: k.publicKeyPem });
};
/** The newest checkpoint the server keeps (one is made if none exists yet). */
const getAuditCheckpoint = async (ctx, s) => {
    const log = logOf(s);
    if (E.isLeft(log))
        return log;
    const cp = await log.right.latest(ctx.command.now);
    return E.right({ Checkpoint: cp.note, TreeSize: cp.size, RootHash: cp.root.toString('base64') });
};
const getConsistencyProof = async (ctx, s) => {
    const log = logOf(s);
    if (E.isLeft(log))
        return log;
    const first = size(ctx.params.get('FirstSize'), 'FirstSize');
    if (E.isLeft(first))
        return first;
    if (first.right === undefined)
        return E.left(invalidParameter('FirstSize', 'The size of the checkpoint you hold.'));
    const second = size(ctx.params.get('SecondSize'), 'SecondSize');
    if (E.isLeft(second))
        return second;
    // Up to the newest checkpoint kept (a FirstSize beyond it is refused below, it never makes one)
    const to = second.right ?? (await log.right.latest(ctx.command.now)).size;
    const proof = await log.right.consistency(first.right, to);
    if (E.isLeft(proof))
        return E.left(invalidParameter('SecondSize', proof.left));
    return E.right({
        FirstSize: first.right, SecondSize: to,
        FirstRootHash: log.right.rootAt(first.right).toString('base64'), SecondRootHash: log.right.rootAt(to).toString('base64'),
        Hashes: { Hash: proof.right.map((h) => h.toString('base64')) },
    });
};
/** Every event of the key (at most HISTORY_WINDOW) with its inclusion proof: `Proof` is an `audit prove` file. */
const getInclusionProof = async (ctx, s) => {
    const log = logOf(s);
    if (E.isLeft(log))
        return log;
    const ref = requiredString(ctx.params, 'KeyId');
    if (E.isLeft(ref))
        return ref;
    const key = await resolveKey(keyRequest(ctx, s), s.keys, ref.right, { alias: true });
    if (E.isLeft(key))
        return key;
    const keyId = key.right.keyId;
    const streams = [keyStreamId(keyId), keyUsageStreamId(keyId)];
    let events = (await Promise.all(streams.map((id) => s.store.readStream(id, 0, HISTORY_WINDOW + 1)))).flat();
    // Stream reads of some EventStoreDB servers give no $all position (docs/esdb.md): read through $all then.
    if (events.some((e) => e.position < 0))
        events = (await s.store.readAll({ streamPrefixes: streams })).filter((e) => streams.includes(e.streamId));
    events.sort((a, b) => a.position - b.position);
    if (events.length > HISTORY_WINDOW)
        return E.left(badRequest('Rejected.LimitExceeded', `The key has more than ${HISTORY_WINDOW} events; run \`keyledger audit prove\` on the server instead.`));
    const tree = log.right.tree;
    await tree.catchUp();
    const needed = Math.max(0, ...events.map((e) => (tree.leafIndexOf(e.position) ?? -1) + 1));
    const cp = await log.right.latest(ctx.command.now, needed);
    const proven = proveEvents(events, cp.size, tree.range, (p) => tree.leafIndexOf(p));
    if (E.isLeft(proven))
        return E.left(badRequest('Rejected.NotYetInLog', `${proven.left}; try again in a moment.`));
    const bundle = { format: PROOF_FORMAT, keyId, checkpoint: cp.note, events: proven.right };
    return E.right({ KeyId: keyId, TreeSize: cp.size, Checkpoint: cp.note, Proof: JSON.stringify(bundle) });
};
export const auditLogActions = {
    GetAuditPublicKey: getAuditPublicKey,
    GetAuditCheckpoint: getAuditCheckpoint,
    GetConsistencyProof: getConsistencyProof,
    GetInclusionProof: getInclusionProof,
};
