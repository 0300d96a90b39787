import * as E from 'fp-ts/lib/Either.js';
import { aliasNotFound, invalidParameter, keyNotFound, missingParameter } from "../../domain/errors.js";
import { checkActionAllowed } from "../../domain/key/index.js";
import { kmsActionOf } from "../../domain/policy/actions.js";
import { AliasName } from "../../domain/values/alias.js";
import { aliasArn, keyArn, parseAliasArn, parseKeyArn } from "../../domain/values/arn.js";
import { KeyId } from "../../domain/values/key-id.js";
import { checkVersion, requireAsymmetric } from "../crypto/algorithms.js";
import { refOf } from "../crypto/call.js";
/**
 * The key a KeyId parameter names, authorized for this request's action. Not found: `Forbidden.KeyNotFound`
 * (or AliasNotFound) in the caller's own account, the same 403 as a refusal in another's (no existence leak).
 */
export const resolveKey = async (r, keys, ref, opts) => {
    const name = opts.name ?? 'KeyId';
    const parsed = parseKeyReference(ref, r.accountId, r.region);
    const target = parsed.type === 'alias'
        ? { accountId: parsed.accountId, region: parsed.region, text: parsed.alias }
        : { accountId: parsed.arn?.accountId ?? r.accountId, region: parsed.arn?.region ?? r.region, text: parsed.keyId };
    const foreign = target.accountId !== r.accountId;
    if (foreign && opts.ownAccountOnly)
        return E.left(invalidParameter(name, 'An alias can only name a key of its own account.'));
    // Account actions (ListTagResources…) act within the caller's account only: nothing of another is looked up.
    if (foreign && r.access.scope === 'account')
        return E.left(keyNotFound(ref));
    const isAlias = parsed.type === 'alias';
    if (isAlias && !opts.alias)
        return E.left(invalidParameter(name, `${r.action} takes a key id or a key ARN, not an alias.`));
    if (isAlias && !AliasName.is(target.text))
        return E.left(invalidParameter(name, 'The alias is not valid (S-3.1).'));
    const unseen = (notFound, arn) => E.left(r.access.scope === 'account' ? notFound : r.access.unseen(target.accountId, arn, notFound));
    const namedArn = isAlias ? aliasArn(target.region, target.accountId, target.text) : keyArn(target.region, target.accountId, target.text);
    if (target.region !== r.region)
        return unseen(isAlias ? aliasNotFound(ref) : keyNotFound(ref), namedArn);
    let keyId = target.text;
    if (isAlias) {
        const resolved = await keys.resolveAlias(target.accountId, r.region, target.text);
        if (E.isLeft(resolved))
            return unseen(resolved.left, namedArn);
        keyId = resolved.right;
    }
    // A text that cannot be a key id names no key: 404, as the API answers for `KeyId=nope`.
    if (!KeyId.is(keyId))
        return unseen(keyNotFound(ref), namedArn);
    const key = await keys.load(keyId);
    if (E.isLeft(key))
        return unseen(key.left, keyArn(r.region, target.accountId, keyId));
    if (key.right.accountId !== target.accountId || key.right.region !== r.region)
        return unseen(keyNotFound(ref), keyArn(r.region, target.accountId, keyId));
    return r.access.scope === 'account' ? key : r.access.checkKey(key.right);
};
/**
 * The key an alias of the caller's account points to, for DeleteAlias: authorized on that key; an alias left
 * pointing at a deleted key can still be removed by whoever the caller's own account allows.
 */
export const resolveAliasTarget = async (r, keys, alias) => {
    const key = await resolveKey(r, keys, alias, { alias: true });
    if (E.isRight(key))
        return E.right(undefined);
    if (key.left.code !== 'Forbidden.KeyNotFound')
        return key;
    const target = await keys.resolveAlias(r.accountId, r.region, alias);
    if (E.isLeft(target))
        return target;
    return r.access.checkGoneOwnKey(keyArn(r.region, r.accountId, target.right));
};
export const parseKeyReference = (text, accountId, region) => {
    if (text.startsWith('alias/'))
        return { type: 'alias', accountId, region, alias: text };
    const keyArn = parseKeyArn(text);
    if (keyArn)
        return { type: 'key', keyId: keyArn.keyId, arn: { accountId: keyArn.accountId, region: keyArn.region } };
    const aliasArn = parseAliasArn(text);
    if (aliasArn)
        return { type: 'alias', accountId: aliasArn.accountId, region: aliasArn.region, alias: aliasArn.alias };
    return { type: 'key', keyId: text };
};
/** The permission an action needs on its key (domain/policy/actions.ts); ReEncrypt passes its two explicitly. */
export const permissionFor = (action) => kmsActionOf(action) ?? `kms:${action}`;
const isNotFound = (e) => e.httpStatus === 404;
/**
 * Finds the key a call names, notes it in the audit trail, asks the call's authorizer and applies the state table:
 * every operation starts here, so the order (resolve → record → authorize → state) is the same for all.
 */
export class KeyOpener {
    keys;
    router;
    blobs;
    constructor(keys, router, blobs) {
        this.keys = keys;
        this.router = router;
        this.blobs = blobs;
    }
    /**
     * Resolves a KeyId parameter (id, alias or ARN) to the key it names, then uses it as `useKey` does. A bare id or
     * alias names the caller's own account; an ARN may name another account's key, whose policy then decides.
     * Whatever names no key is answered by the authorizer's `unseen` (no existence leak across accounts).
     */
    async openKey(call, text, action, trail, permission = permissionFor(action)) {
        if (!text)
            return E.left(missingParameter('KeyId'));
        const ref = parseKeyReference(text, call.accountId, call.region);
        const accountId = ref.type === 'alias' ? ref.accountId : ref.arn?.accountId ?? call.accountId;
        const region = ref.type === 'alias' ? ref.region : ref.arn?.region ?? call.region;
        const named = { accountId, keyArn: ref.type === 'alias' ? aliasArn(region, accountId, ref.alias) : keyArn(region, accountId, ref.keyId) };
        const unseen = (notFound) => E.left(call.authorizer.unseen(named, permission, notFound));
        if (region !== call.region)
            return unseen(ref.type === 'alias' ? aliasNotFound(text) : keyNotFound(text));
        let keyId;
        if (ref.type === 'alias') {
            const resolved = await this.keys.resolveAlias(accountId, region, ref.alias);
            if (E.isLeft(resolved))
                return isNotFound(resolved.left) ? unseen(resolved.left) : resolved;
            keyId = resolved.right;
        }
        else
            keyId = ref.keyId;
        return this.useKey(call, keyId, named, action, trail, permission);
    }
    /**
     * Loads a key, notes it in the trail (only keys that exist are recorded: a made-up id must not create usage
     * streams), asks the call's authorizer (a refusal is this key's `denied` record) and only then applies the
     * state table (S-6.2, S-8.3), so that a caller who may not use the key learns nothing of its state.
     * `named`: the account and ARN the caller's name points into, which the key must match; undefined for the key
     * id inside a ciphertext, which names the key wherever it lives (its policy decides).
     */
    async useKey(call, keyId, named, action, trail, permission) {
        const unseen = (notFound) => E.left(call.authorizer.unseen(named, permission, notFound));
        if (!KeyId.is(keyId))
            return unseen(keyNotFound(keyId));
        const loaded = await this.keys.loadAny(keyId);
        if (E.isLeft(loaded))
            return isNotFound(loaded.left) ? unseen(loaded.left) : loaded;
        const s = loaded.right;
        if (!s.created || s.region !== call.region || (named !== undefined && s.accountId !== named.accountId))
            return unseen(keyNotFound(keyId));
        const note = trail.touch(permission, s.keyId);
        const authorized = call.authorizer.checkKey(s, permission);
        if (E.isLeft(authorized)) {
            note.refuse(authorized.left);
            return authorized;
        }
        const allowed = checkActionAllowed(action, s);
        // eslint-disable-next-line @typescript-eslint/unbound-method -- a function property, no `this`
        return E.map((state) => ({ state, setVersion: note.setVersion }))(allowed);
    }
    /** An asymmetric key and the version the call names. */
    async openVersion(call, input, action, trail) {
        const key = await this.openKey(call, input.keyId, action, trail);
        if (E.isLeft(key))
            return key;
        const s = key.right.state;
        const asym = requireAsymmetric(s);
        if (E.isLeft(asym))
            return asym;
        const version = checkVersion(s, input.keyVersionId);
        if (E.isLeft(version))
            return version;
        key.right.setVersion(version.right);
        return E.right({ state: s, ref: refOf(s, version.right) });
    }
    /** The key a ciphertext blob names, resolved and authorized, with the blob: nothing is decrypted yet. */
    async openBlob(call, text, action, trail, permission = permissionFor(action)) {
        const blob = this.blobs.decode(text);
        if (E.isLeft(blob))
            return blob;
        const key = await this.useKey(call, blob.right.keyId, undefined, action, trail, permission);
        if (E.isLeft(key))
            return key;
        key.right.setVersion(blob.right.versionId);
        return E.right({ ...key.right, blob: blob.right });
    }
    /** A parameter error found before the key is used still names the key in the audit trail. */
    async afterOpening(call, keyId, action, trail, error) {
        const key = await this.openKey(call, keyId, action, trail);
        return E.isLeft(key) ? key : error;
    }
    async withExecutor(ref, use) {
        const executor = this.router.executorFor(ref);
        return E.isLeft(executor) ? executor : use(executor.right);
    }
}
