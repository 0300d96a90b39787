import * as E from 'fp-ts/lib/Either.js';
import { internalFailure, unsupportedOperation } from "../../domain/errors.js";
/**
 * Picks the executor of a key from its kind and instance (docs/architecture.md §5), and keeps material in step with the key's
 * events (`KeyMaterialLifecycle`): material is made before the events that bring a version into being are
 * appended (a key never exists without it), and destroyed after the events that end it.
 */
export class CryptoRouter {
    options;
    constructor(options) {
        this.options = options;
    }
    executorFor(key) {
        if (key.kind === 'default')
            return E.right(this.options.defaultKeyExecutor);
        if (key.kind === 'external')
            return E.left(unsupportedOperation('S-2.4: external keys are served by their external key manager, which is not configured.'));
        const executor = key.instanceId === null ? undefined : this.options.instances.get(key.instanceId);
        return executor ? E.right(executor) : E.left(internalFailure(`No crypto executor is configured for instance ${key.instanceId}.`));
    }
    async provision(state, events) {
        for (const e of events) {
            const ref = versionToMake(state, e);
            if (!ref)
                continue;
            const executor = this.executorFor(ref);
            if (E.isLeft(executor))
                return executor;
            const made = await executor.right.generate(ref);
            if (E.isLeft(made))
                return made;
        }
        return E.right(undefined);
    }
    /** Every executor, once each (software instances share the default key's executor). */
    executors() {
        return [...new Set([this.options.defaultKeyExecutor, ...this.options.instances.values()])];
    }
    /** The shredding reconciliation's view of the executors: which key ids still hold material anywhere. */
    async heldKeyIds() {
        const held = new Set();
        for (const executor of this.executors()) {
            const ids = await executor.heldKeyIds();
            if (E.isLeft(ids))
                return ids;
            for (const id of ids.right)
                held.add(id);
        }
        return E.right(held);
    }
    /** Destroys, idempotently, what the key's events say must be gone (see `materialToDestroy`). */
    async shred(state) {
        const what = materialToDestroy(state);
        if (what === undefined)
            return E.right(undefined);
        const executor = this.executorFor(state);
        if (E.isLeft(executor))
            return executor;
        return what === 'all' ? executor.right.destroy(state.keyId) : executor.right.destroyImported(state.keyId);
    }
    async afterAppend(state, events) {
        for (const e of events) {
            if (e.type !== 'KeyDeleted' && e.type !== 'KeyMaterialDeleted')
                continue;
            const executor = this.executorFor(state);
            if (E.isLeft(executor)) {
                if (state.kind !== 'external')
                    this.options.onDestroyFailure?.(state.keyId, executor.left);
                continue;
            }
            const done = e.type === 'KeyDeleted' ? await executor.right.destroy(state.keyId) : await executor.right.destroyImported(state.keyId);
            if (E.isLeft(done))
                this.options.onDestroyFailure?.(state.keyId, done.left);
        }
    }
}
/**
 * What must be gone once a key's events say so: every version of a deleted key, the imported material after
 * KeyMaterialDeleted. `undefined`: nothing (the key has live material, or lives in an external key manager).
 */
export const materialToDestroy = (state) => state.kind === 'external' ? undefined
    : state.status === 'Deleted' ? 'all'
        : state.materialDestruction !== 'none' && !state.material.imported ? 'imported'
            : undefined;
/** The version an event brings into being that needs material made by the KMS, if any. */
const versionToMake = (state, e) => {
    switch (e.type) {
        case 'KeyCreated':
            // EXTERNAL origin waits for ImportKeyMaterial; external-kind keys live in their own key manager.
            if (e.data.origin !== 'Aliyun_KMS' || e.data.kind === 'external')
                return undefined;
            return { keyId: e.data.keyId, versionId: e.data.initialVersionId, spec: e.data.spec, kind: e.data.kind, instanceId: e.data.instanceId };
        case 'VersionRotated':
        case 'KeyVersionCreated':
            return { keyId: state.keyId, versionId: e.data.versionId, spec: state.spec, kind: state.kind, instanceId: state.instanceId };
        default:
            return undefined;
    }
};
