import { AsymmetricCrypto } from "./crypto/asymmetric.js";
import { Byok } from "./crypto/byok.js";
import { DataKeys } from "./crypto/data-keys.js";
import { KeyOpener } from "./access/key-access.js";
import { SymmetricCrypto } from "./crypto/symmetric.js";
import { MacCrypto } from "./crypto/mac.js";
import * as E from 'fp-ts/lib/Either.js';
import { faultCause, internalFailure } from "../domain/errors.js";
export { MAX_ENCRYPT_PLAINTEXT_BYTES } from "./crypto/symmetric.js";
export { IMPORT_TOKEN_LIFETIME_MS } from "./crypto/byok.js";
/**
 * The data-plane operations (API reference §5.7–§5.11) over the ports. Inputs and outputs are plain values
 * (Buffers for bytes, strings for blobs); the HTTP layer maps wire parameters (Base64, JSON) to them.
 * Every call touching a key is recorded as `ActionInvoked` (allowed, denied or failed) before it answers, and an
 * allowed call whose record cannot be stored fails closed with InternalFailure (crypto/audited.ts).
 * Each family of operations lives in its own file under crypto/; this class only wires them and audits.
 */
export class CryptoService {
    deps;
    symmetric;
    dataKeys;
    asymmetric;
    macs;
    byok;
    constructor(deps) {
        this.deps = deps;
        const opener = new KeyOpener(deps.keys, deps.router, deps.blobs);
        this.symmetric = new SymmetricCrypto(opener, deps.blobs);
        this.dataKeys = new DataKeys(opener, this.symmetric, deps.transport);
        this.asymmetric = new AsymmetricCrypto(opener);
        this.macs = new MacCrypto(opener);
        this.byok = new Byok(opener, deps.keys, deps.transport);
    }
    // ── symmetric (crypto/symmetric.ts) ──
    encrypt(call, input) {
        return this.audited(call, (t) => this.symmetric.encrypt(call, t, input));
    }
    decrypt(call, input) {
        return this.audited(call, (t) => this.symmetric.decrypt(call, t, input));
    }
    reEncrypt(call, input) {
        return this.audited(call, (t) => this.symmetric.reEncrypt(call, t, input));
    }
    // ── data keys (crypto/data-keys.ts) ──
    generateDataKey(call, input) {
        return this.audited(call, (t) => this.dataKeys.generate(call, t, input));
    }
    generateDataKeyWithoutPlaintext(call, input) {
        return this.audited(call, (t) => this.dataKeys.generateWithoutPlaintext(call, t, input));
    }
    generateAndExportDataKey(call, input) {
        return this.audited(call, (t) => this.dataKeys.generateAndExport(call, t, input));
    }
    exportDataKey(call, input) {
        return this.audited(call, (t) => this.dataKeys.export(call, t, input));
    }
    // ── MACs (crypto/mac.ts) ──
    generateMac(call, input) {
        return this.audited(call, (t) => this.macs.generate(call, t, input));
    }
    verifyMac(call, input) {
        return this.audited(call, (t) => this.macs.verify(call, t, input));
    }
    // ── asymmetric (crypto/asymmetric.ts) ──
    asymmetricEncrypt(call, input) {
        return this.audited(call, (t) => this.asymmetric.encrypt(call, t, input));
    }
    asymmetricDecrypt(call, input) {
        return this.audited(call, (t) => this.asymmetric.decrypt(call, t, input));
    }
    asymmetricSign(call, input) {
        return this.audited(call, (t) => this.asymmetric.sign(call, t, input));
    }
    asymmetricVerify(call, input) {
        return this.audited(call, (t) => this.asymmetric.verify(call, t, input));
    }
    getPublicKey(call, input) {
        return this.audited(call, (t) => this.asymmetric.publicKey(call, t, input));
    }
    // ── BYOK (crypto/byok.ts) ──
    getParametersForImport(call, input) {
        return this.audited(call, (t) => this.byok.getParametersForImport(call, t, input));
    }
    importKeyMaterial(call, input) {
        return this.audited(call, (t) => this.byok.importKeyMaterial(call, t, input), 'stored');
    }
    deleteKeyMaterial(call, input) {
        return this.audited(call, (t) => this.byok.deleteKeyMaterial(call, t, input), 'stored');
    }
    audited(call, run, effect) {
        return audited(this.deps.usage, call, run, effect);
    }
}
/** The keys one call touched, in order (ReEncrypt touches two), to be recorded as `ActionInvoked` each. */
export class AuditTrail {
    entries = [];
    /** The asymmetric or wrapping algorithm the call used, once checked (never a caller's unchecked text). */
    algorithm;
    touch(action, keyId, versionId = null) {
        const entry = { action, keyId, versionId, refusal: null };
        this.entries.push(entry);
        return {
            setVersion: (v) => void (entry.versionId = v),
            refuse: (e) => void (entry.refusal = e),
        };
    }
    useAlgorithm(algorithm) {
        this.algorithm = algorithm;
    }
    records(outcome, requestId, at, caller) {
        const e = outcome.error;
        // A refusal belongs to the key whose policy refused. Another key of the same call (ReEncrypt's source when
        // the destination refuses) was allowed, so for it the call merely failed: it must not count as a denial.
        const refusedElsewhere = this.entries.some((x) => x.refusal !== null);
        return this.entries.map((x) => ({
            keyId: x.keyId,
            versionId: x.versionId,
            action: x.action,
            outcome: x.refusal !== null ? 'denied' : e === null ? 'allowed' : !refusedElsewhere && deniedCodes(e.code) ? 'denied' : 'failed',
            errorCode: x.refusal?.code ?? e?.code ?? null,
            callerService: caller?.service ?? null,
            callerResource: caller?.resource ?? null,
            requestId,
            at,
            ...(this.algorithm !== undefined ? { algorithm: this.algorithm } : {}),
        }));
    }
}
/**
 * `denied`: the KMS refused the call because of the key's state or a permission (Rejected.*, Forbidden.*);
 * `failed`: the call was allowed but could not be done (bad input, a ciphertext that does not open, …).
 */
const deniedCodes = (code) => code.startsWith('Rejected.') || code.startsWith('Forbidden.');
/**
 * Runs an operation and records every key it touched, with the outcome, before answering. An allowed call whose
 * record cannot be stored fails closed with InternalFailure (its result is scrubbed and withheld).
 */
export const audited = async (usage, call, run, effect = 'none') => {
    const trail = new AuditTrail();
    let result;
    try {
        result = await run(trail);
    }
    catch (e) {
        result = E.left(internalFailure(`The operation failed: ${faultCause(e)}`));
    }
    const records = trail.records({ error: E.isLeft(result) ? result.left : null }, call.ctx.requestId, call.ctx.now.toISOString(), call.caller);
    const stored = await Promise.all(records.map((r) => usage.record(call.ctx, r)));
    const failed = stored.find(E.isLeft);
    if (failed && E.isRight(result)) {
        scrub(result.right);
        return E.left(internalFailure(effect === 'stored'
            ? 'The change was made and is recorded on the key\'s own stream, but its usage record (ActionInvoked) could not be stored.'
            : 'The usage record could not be stored, so the result is withheld; nothing was changed.'));
    }
    return result;
};
/** An answer that will not be given (its audit record failed) must not leave plaintext in memory. */
const scrub = (value) => {
    if (value && typeof value === 'object' && 'plaintext' in value && Buffer.isBuffer((value).plaintext))
        value.plaintext.fill(0);
};
