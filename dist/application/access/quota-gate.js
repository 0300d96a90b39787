import * as E from 'fp-ts/lib/Either.js';
import { internalFailure } from "../../domain/errors.js";
import { checkQuota } from "../../domain/policy/index.js";
import { policyPoolOf } from "../../projections/views/key-policies.js";
import { KeyedQueue } from "../keyed-queue.js";
// S-5.4 access-management quota, enforced before a key policy is written (CreateKey `Policy`, SetKeyPolicy).
// The instance's policy history (KeyCreated.policy, KeyPolicyUpdated, KeyDeleted → null) comes from the
// key-policies read model (projections/views/key-policies.ts), caught up to the store's head first so that it
// holds every policy committed before this check (other processes' too); `checkQuota` decides with `now` from
// the Clock: a withdrawn grant frees its unit 5 minutes after the event that withdrew it, with no timer anywhere.
// Checks and appends of one instance run one at a time in this process, so two requests cannot both take the
// last unit; under `serve --workers` the primary's lock extends that turn to every worker (adapters/cluster).
// Separate servers on one store still share that window (documented in docs/config.md).
// If the read model cannot catch up in time the change is refused (500, try again): deciding a quota on a
// stale history could let a policy through that the quota forbids.
/** keyledger's default when an instance does not say (the real service sells the quota with the instance). */
export const DEFAULT_ACCESS_MANAGEMENT_QUOTA = 10;
export class QuotaGate {
    source;
    instances;
    crossProcess;
    queues = new KeyedQueue();
    constructor(source, instances, 
    /**
     * Holds a pool's turn across processes while `run` checks and appends (`serve --workers`: the primary's lock,
     * adapters/cluster). Without it the turn is this process's alone.
     */
    crossProcess) {
        this.source = source;
        this.instances = instances;
        this.crossProcess = crossProcess;
    }
    quotaOf(instanceId) {
        const i = instanceId === null ? undefined : this.instances.find((x) => x.instanceId === instanceId);
        return i?.accessManagementQuota ?? DEFAULT_ACCESS_MANAGEMENT_QUOTA;
    }
    /** Runs `write` (the append) only if the change fits the quota, holding the instance's turn until it is done. */
    async withinQuota(change, write) {
        const pool = policyPoolOf(change.instanceId, change.ownerAccountId);
        const check = () => this.checked(change, pool, write);
        return this.queues.run(pool, () => (this.crossProcess ? this.crossProcess(pool, check) : check()));
    }
    async checked(change, pool, write) {
        const history = await this.history(pool);
        if (E.isLeft(history))
            return history;
        const checked = checkQuota({
            history: history.right,
            change: { keyId: change.keyId, ownerAccountId: change.ownerAccountId, policy: change.policy },
            now: change.now,
            quota: this.quotaOf(change.instanceId),
        });
        return E.isLeft(checked) ? checked : write();
    }
    /** The policy history of every key in one pool, in store order. */
    async history(pool) {
        const caughtUp = await this.source.catchUp();
        if (caughtUp !== 'reached')
            return E.left(internalFailure('The key policy history is not up to date; try again.'));
        return E.right(await this.source.history(pool));
    }
}
