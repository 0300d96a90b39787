import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { aliasNotFound, badRequest } from "../errors.js";
// An alias is its own tiny aggregate on `alias-<account>.<region>.<alias>`: uniqueness per account and region is
// then a property of the store (append with expected revision "no stream", or the revision that deleted it),
// not of a lock or a read model (docs/architecture.md §3).
export const AliasCreated = t.type({
    type: t.literal('AliasCreated'),
    data: t.type({ alias: t.string, keyId: t.string, accountId: t.string, region: t.string }),
});
export const AliasRetargeted = t.type({
    type: t.literal('AliasRetargeted'),
    data: t.type({ alias: t.string, keyId: t.string, previousKeyId: t.string, accountId: t.string, region: t.string }),
});
export const AliasDeleted = t.type({
    type: t.literal('AliasDeleted'),
    data: t.type({ alias: t.string, keyId: t.string, accountId: t.string, region: t.string }),
});
export const AliasEvent = t.union([AliasCreated, AliasRetargeted, AliasDeleted]);
export const initialAliasState = { exists: false, keyId: null };
export const aliasStreamId = (accountId, region, alias) => `alias-${accountId}.${region}.${alias}`;
export const decideAlias = (cmd, s) => {
    const { alias, accountId, region } = cmd;
    switch (cmd.type) {
        case 'CreateAlias':
            return s.keyId !== null
                ? E.left(badRequest('AliasAlreadyExists', `The alias ${alias} already exists.`))
                : E.right([{ type: 'AliasCreated', data: { alias, keyId: cmd.keyId, accountId, region } }]);
        case 'UpdateAlias':
            if (s.keyId === null)
                return E.left(aliasNotFound(alias));
            return s.keyId === cmd.keyId
                ? E.right([])
                : E.right([{ type: 'AliasRetargeted', data: { alias, keyId: cmd.keyId, previousKeyId: s.keyId, accountId, region } }]);
        case 'DeleteAlias':
            if (cmd.onlyIfKeyId !== undefined && s.keyId !== cmd.onlyIfKeyId)
                return E.right([]); // released already, or not ours
            return s.keyId === null
                ? E.left(aliasNotFound(alias))
                : E.right([{ type: 'AliasDeleted', data: { alias, keyId: s.keyId, accountId, region } }]);
    }
};
export const evolveAlias = (s, e) => {
    switch (e.type) {
        case 'AliasCreated':
        case 'AliasRetargeted':
            return { exists: true, keyId: e.data.keyId };
        case 'AliasDeleted':
            return { exists: true, keyId: null };
    }
};
/** The alias registry's rules as a decider (docs/architecture.md §4). */
export const aliasDecider = {
    initialState: initialAliasState, decide: decideAlias, evolve: evolveAlias, codec: AliasEvent,
};
