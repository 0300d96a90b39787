import * as E from 'fp-ts/lib/Either.js';
import { keyVersionNotFound } from "../../../domain/errors.js";
import { paging, requiredString } from "../wire/fields.js";
import { fields, keyRequest } from "./action.js";
import { keyVersion } from "./key-metadata.js";
import { resolveKey } from "../../../application/access/key-access.js";
// Key versions (API reference §1.3 "Key versions", §5.4). These actions accept aliases for KeyId (§5.5).
export const versionActions = {
    DescribeKeyVersion: async (ctx, s) => {
        const f = fields({ ref: requiredString(ctx.params, 'KeyId'), versionId: requiredString(ctx.params, 'KeyVersionId') });
        if (E.isLeft(f))
            return f;
        const key = await resolveKey(keyRequest(ctx, s), s.keys, f.right.ref, { alias: true });
        if (E.isLeft(key))
            return key;
        const v = key.right.versions.find((x) => x.versionId === f.right.versionId);
        return v ? E.right({ KeyVersion: keyVersion(key.right.keyId, v) }) : E.left(keyVersionNotFound(f.right.versionId));
    },
    ListKeyVersions: async (ctx, s) => {
        const f = fields({ ref: requiredString(ctx.params, 'KeyId'), page: paging(ctx.params) });
        if (E.isLeft(f))
            return f;
        const key = await resolveKey(keyRequest(ctx, s), s.keys, f.right.ref, { alias: true });
        if (E.isLeft(key))
            return key;
        const { pageNumber, pageSize } = f.right.page;
        // From the key catalogue (read model); the key itself was loaded above to authorize the call.
        const r = await s.readModels.catalogue.listKeyVersions({ keyId: key.right.keyId, pageNumber, pageSize });
        return E.right({
            KeyVersions: { KeyVersion: r.versions.map((v) => keyVersion(key.right.keyId, v)) },
            PageNumber: pageNumber, PageSize: pageSize, TotalCount: r.totalCount,
        });
    },
    /** Material for the new version comes from the KeyMaterialLifecycle hook of KeyService (the crypto router). */
    CreateKeyVersion: async (ctx, s) => {
        const ref = requiredString(ctx.params, 'KeyId');
        if (E.isLeft(ref))
            return ref;
        const key = await resolveKey(keyRequest(ctx, s), s.keys, ref.right, { alias: true });
        if (E.isLeft(key))
            return key;
        const versionId = s.ids.versionId();
        const r = await s.keys.execute(key.right.keyId, { type: 'CreateKeyVersion', now: ctx.command.now.toISOString(), versionId }, ctx.command);
        if (E.isLeft(r))
            return r;
        const v = r.right.state.versions.find((x) => x.versionId === versionId);
        return E.right({ KeyVersion: keyVersion(key.right.keyId, v) });
    },
};
