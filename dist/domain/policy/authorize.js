import { actionMatches, reEncryptPermissions } from "./actions.js";
import { allow, deny } from "./decision.js";
import { accountKeysResource, resourceMatches } from "./identity-policy.js";
import { parsePrincipal, parsePrincipalPattern, principalMatches } from "./principal.js";
import { coOwningAccounts } from "./sharing.js";
const label = (sid, i) => sid ?? `Statement[${i}]`;
const applies = (effect, condition) => effect === 'Deny' || condition === undefined;
const keyPolicyHits = (doc, p, action, keyArn, sameAs) => doc.Statement.flatMap((s, i) => applies(s.Effect, s.Condition) &&
    s.Action.some((a) => actionMatches(a, action)) &&
    s.Resource.some((r) => resourceMatches(r, keyArn)) &&
    s.Principal.RAM.some((arn) => {
        const pattern = parsePrincipalPattern(arn);
        // A principal the matcher cannot read: an Allow naming it grants nothing, a Deny naming it refuses
        // everyone (parseKeyPolicy refuses such policies; this is defence in depth for stored ones).
        return pattern === undefined ? s.Effect === 'Deny' : principalMatches(pattern, p, sameAs);
    })
    ? [{ effect: s.Effect, id: label(s.Sid, i) }]
    : []);
const identityHits = (docs, action, resource) => docs.flatMap((doc) => doc.Statement.flatMap((s, i) => applies(s.Effect, s.Condition) && s.Action.some((a) => actionMatches(a, action)) && s.Resource.some((r) => resourceMatches(r, resource))
    ? [{ effect: s.Effect, id: label(s.Sid, i) }]
    : []));
const firstOf = (hits, effect) => hits.find((h) => h.effect === effect);
export const authorize = (req) => {
    const { action } = req;
    const p = parsePrincipal(req.principal);
    if (!p)
        return deny(action, `unrecognised principal ${req.principal}`);
    const sameAs = coOwningAccounts(req.keyOwnerAccountId, req.sharing);
    const keySide = keyPolicyHits(req.keyPolicy, p, action, req.keyArn, sameAs);
    const identitySide = p.kind === 'root' ? [] : identityHits(req.identityPolicies, action, req.keyArn);
    const keyDeny = firstOf(keySide, 'Deny');
    if (keyDeny)
        return deny(action, `explicit Deny in the key policy (statement ${keyDeny.id})`, keyDeny.id);
    const identityDeny = firstOf(identitySide, 'Deny');
    if (identityDeny)
        return deny(action, `explicit Deny in an identity policy of ${req.principal} (statement ${identityDeny.id})`, identityDeny.id);
    const keyAllow = firstOf(keySide, 'Allow');
    if (!keyAllow)
        return deny(action, `no key policy statement allows ${req.principal} to perform ${action} (S-5.1, S-5.2)`);
    if (p.kind === 'root')
        return allow(`the key policy allows the main account (statement ${keyAllow.id})`, keyAllow.id);
    const identityAllow = firstOf(identitySide, 'Allow');
    if (!identityAllow)
        return deny(action, `S-5.3: the key policy allows ${req.principal} (statement ${keyAllow.id}) but its own account ${p.accountId} has not granted it ${action} on the key`, keyAllow.id);
    return allow(`the key policy (statement ${keyAllow.id}) and the identity policy of account ${p.accountId} (statement ${identityAllow.id}) both allow it (S-5.3)`, keyAllow.id);
};
/**
 * Actions on no existing key (CreateKey, ListKeys…): no key policy exists yet, so only the caller's own account
 * decides, on the account's key collection. A caller never acts in another account's name.
 */
export const authorizeAccountAction = (req) => {
    const { action } = req;
    const p = parsePrincipal(req.principal);
    if (!p)
        return deny(action, `unrecognised principal ${req.principal}`);
    if (p.accountId !== req.accountId)
        return deny(action, `${req.principal} does not belong to account ${req.accountId}`);
    if (p.kind === 'root')
        return allow(`the main account may perform ${action} in its own account`);
    const hits = identityHits(req.identityPolicies, action, accountKeysResource(req.region, req.accountId));
    const identityDeny = firstOf(hits, 'Deny');
    if (identityDeny)
        return deny(action, `explicit Deny in an identity policy of ${req.principal} (statement ${identityDeny.id})`, identityDeny.id);
    const identityAllow = firstOf(hits, 'Allow');
    return identityAllow
        ? allow(`the identity policy of account ${p.accountId} allows it (statement ${identityAllow.id})`, identityAllow.id)
        : deny(action, `account ${p.accountId} has not granted ${req.principal} ${action}`);
};
/**
 * The key policy's side alone (an explicit Deny refuses, else an Allow must name the principal): what the key
 * policy lets a principal do whatever its own account grants it. Used by the lockout safety check (lockout.ts).
 */
export const keyPolicyDecision = (req) => {
    const p = parsePrincipal(req.principal);
    if (!p)
        return deny(req.action, `unrecognised principal ${req.principal}`);
    const hits = keyPolicyHits(req.keyPolicy, p, req.action, req.keyArn, coOwningAccounts(req.keyOwnerAccountId, req.sharing));
    const keyDeny = firstOf(hits, 'Deny');
    if (keyDeny)
        return deny(req.action, `explicit Deny in the key policy (statement ${keyDeny.id})`, keyDeny.id);
    const keyAllow = firstOf(hits, 'Allow');
    return keyAllow ? allow(`the key policy allows it (statement ${keyAllow.id})`, keyAllow.id) : deny(req.action, `no key policy statement allows ${req.principal} to perform ${req.action}`);
};
/** ReEncrypt: `kms:ReEncryptFrom` on the source key and `kms:ReEncryptTo` on the destination; both must allow. */
export const authorizeReEncrypt = (source, destination) => {
    const from = authorize({ ...source, action: reEncryptPermissions.source });
    return from.allowed ? authorize({ ...destination, action: reEncryptPermissions.destination }) : from;
};
