import type { KeyState } from '../../domain/key/index.ts';
import { type Decision, type IdentityPolicyDocument, type KmsAction, type RamIdentityPolicies, type ResourceSharing } from '../../domain/policy/index.ts';
import type { CommandContext } from '../../domain/kernel/context.ts';
import type { UsageRecorder } from '../../domain/ports/usage-recorder.ts';
import type { KmsInstance } from '../deployment.ts';
import { RequestAccess, type Caller } from './request-access.ts';
export interface AccessControlOptions {
    /** What each account grants its RAM users and roles (config `identityPolicies`). */
    readonly identityPolicies: RamIdentityPolicies;
    readonly instances: readonly KmsInstance[];
    readonly region: string;
    /** Where a refusal on an existing key is recorded: the same recorder every call's ActionInvoked goes through. */
    readonly usage: UsageRecorder;
}
export declare class AccessControl {
    private readonly o;
    constructor(o: AccessControlOptions);
    forRequest(apiAction: string, caller: Caller, command: CommandContext): RequestAccess;
    identityPoliciesOf(principal: string): readonly IdentityPolicyDocument[];
    /** S-5.1: the instance a key lives in, if it is shared with other accounts. */
    sharingOf(instanceId: string | null): ResourceSharing | undefined;
    decideKey(principal: string, action: KmsAction, key: KeyState): Decision;
    /**
     * For a key that does not exist in the caller's own account: whether the caller's own grants would let it
     * act on such a key at all. Decided against the default policy (which names every identity of the account),
     * so only the identity side counts: a RAM user without the grant gets 403 whether or not the key exists.
     */
    decideUnseenOwnKey(principal: string, action: KmsAction, accountId: string, keyArn: string): Decision;
    decideAccount(principal: string, action: KmsAction, accountId: string): Decision;
}
