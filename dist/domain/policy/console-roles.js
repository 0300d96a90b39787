import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter } from "../errors.js";
import { parsePrincipal, rootArn } from "./principal.js";
// The console's visual editor roles (S-5.2, API reference §5.12) are not fields of the policy JSON: each is one
// statement with a fixed action list, so a console-style policy is just a key policy document.
/** S-5.2 Administrators: management only, no cryptographic operation. Exactly the seed's list. */
export const ADMINISTRATOR_ACTIONS = [
    'kms:List*', 'kms:Describe*', 'kms:Create*', 'kms:Enable*', 'kms:Disable*', 'kms:Get*', 'kms:Set*',
    'kms:Update*', 'kms:Delete*', 'kms:Cancel*', 'kms:TagResource', 'kms:UntagResource', 'kms:ImportKeyMaterial',
    'kms:ScheduleKeyDeletion',
];
/**
 * S-5.2 Users and other-account users: cryptographic use only. Exactly the seed's list: it has no
 * `kms:AsymmetricSign`, `kms:AsymmetricVerify`, `kms:GetPublicKey` or `kms:GenerateDataKeyWithoutPlaintext`, so
 * a console user cannot sign; grant those with a custom statement.
 */
export const USER_ACTIONS = [
    'kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateAndExportDataKey', 'kms:AsymmetricEncrypt',
    'kms:AsymmetricDecrypt', 'kms:DescribeKey', 'kms:DescribeKeyVersion', 'kms:ListKeyVersions',
    'kms:ListAliasesByKeyId', 'kms:TagResource',
];
const statement = (sid, actions) => (principals) => ({
    Sid: sid,
    Effect: 'Allow',
    Principal: { RAM: [...principals] },
    Action: [...actions],
    Resource: ['*'],
});
export const administratorStatement = statement('Administrators', ADMINISTRATOR_ACTIONS);
export const userStatement = statement('Users', USER_ACTIONS);
export const otherAccountUserStatement = statement('OtherAccountUsers', USER_ACTIONS);
/** Keeps the main account in control of its key: without it, a console-style policy would lock out the root. */
export const ownerRootStatement = (ownerAccountId) => ({
    Sid: 'OwnerAccount',
    Effect: 'Allow',
    Principal: { RAM: [rootArn(ownerAccountId)] },
    Action: ['kms:*'],
    Resource: ['*'],
});
/**
 * Builds the policy the console would save. Administrators and users are RAM users or roles of the owning
 * account; other-account users are RAM users or roles of another account (S-5.2). Empty roles add no statement.
 */
export const consoleKeyPolicy = (roles) => {
    const owner = roles.ownerAccountId;
    const check = (field, arns, ownAccount) => {
        for (const arn of arns) {
            const p = parsePrincipal(arn);
            if (!p || p.kind === 'root')
                return invalidParameter(field, `${arn} is not acs:ram::<uid>:user/<name> or acs:ram::<uid>:role/<name>`);
            if ((p.accountId === owner) !== ownAccount)
                return invalidParameter(field, ownAccount ? `${arn} is not of the owning account` : `${arn} is of the owning account`);
        }
        return undefined;
    };
    const administrators = roles.administrators ?? [];
    const users = roles.users ?? [];
    const others = roles.otherAccountUsers ?? [];
    const problem = check('Administrators', administrators, true) ?? check('Users', users, true) ?? check('OtherAccountUsers', others, false);
    if (problem)
        return E.left(problem);
    const Statement = [];
    if (roles.keepOwnerRoot ?? true)
        Statement.push(ownerRootStatement(owner));
    if (administrators.length)
        Statement.push(administratorStatement(administrators));
    if (users.length)
        Statement.push(userStatement(users));
    if (others.length)
        Statement.push(otherAccountUserStatement(others));
    return E.right({ Version: '1', Statement });
};
