import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter } from "../errors.js";
import { parsePrincipalPattern } from "../policy/principal.js";
export const MAX_POLICY_BYTES = 32_768; // API reference §5.12
const StringList = t.array(t.string);
const Statement = t.intersection([
    t.type({
        Effect: t.keyof({ Allow: null, Deny: null }),
        Principal: t.type({ RAM: StringList }),
        Action: StringList,
        Resource: StringList,
    }),
    t.partial({ Sid: t.string, Condition: t.UnknownRecord }),
]);
export const KeyPolicyDocument = t.type({ Version: t.literal('1'), Statement: t.array(Statement) });
const SID = /^[A-Za-z0-9_/+=.@ -]{0,128}$/;
/** Parses and checks a key policy as the API's SetKeyPolicy and CreateKey `Policy` describe it (§5.12). */
export const parseKeyPolicy = (text, name = 'Policy') => {
    if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES)
        return E.left(invalidParameter(name, `a key policy is at most ${MAX_POLICY_BYTES} bytes`));
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        return E.left(invalidParameter(name, 'a key policy is a JSON document'));
    }
    const decoded = KeyPolicyDocument.decode(json);
    if (E.isLeft(decoded))
        return E.left(invalidParameter(name, 'a key policy is {"Version":"1","Statement":[{"Effect","Principal":{"RAM":[…]},"Action":[…],"Resource":["*"]}]}'));
    for (const s of decoded.right.Statement) {
        if (s.Sid !== undefined && !SID.test(s.Sid))
            return E.left(invalidParameter(name, 'Sid is at most 128 of [A-Za-z0-9_/+=.@-]'));
        if (s.Action.length === 0 || !s.Action.every((a) => a.startsWith('kms:')))
            return E.left(invalidParameter(name, 'every Action begins with kms:'));
        if (s.Resource.length === 0 || !s.Resource.every((r) => r === '*'))
            return E.left(invalidParameter(name, 'Resource must be ["*"]'));
        // One grammar for what is accepted and what is matched (principal.ts): a principal the matcher cannot
        // parse would be silently skipped, which fails open for a Deny. So it is refused here, at the door.
        const unparsed = s.Principal.RAM.find((p) => parsePrincipalPattern(p) === undefined);
        if (s.Principal.RAM.length === 0 || unparsed !== undefined)
            return E.left(invalidParameter(name, `principals are acs:ram::<uid>:root|*|user/<name>|role/<name> with a numeric account id${unparsed === undefined ? '' : ` (not ${JSON.stringify(unparsed.slice(0, 200))})`}`));
    }
    return E.right(decoded.right);
};
/** S-5.1: without a custom policy only the owning main account may manage and use the key. */
export const defaultKeyPolicy = (accountId) => ({
    Version: '1',
    Statement: [{
            Sid: 'kms default key policy',
            Effect: 'Allow',
            Principal: { RAM: [`acs:ram::${accountId}:*`] },
            Action: ['kms:*'],
            Resource: ['*'],
        }],
});
