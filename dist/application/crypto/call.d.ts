import type * as E from 'fp-ts/lib/Either.js';
import type { KmsError } from '../../domain/errors.ts';
import type { KeyState } from '../../domain/key/index.ts';
import type { CiphertextBlobFormat } from '../../domain/ports/ciphertext-blob.ts';
import type { KeyVersionRef } from '../../domain/ports/crypto-executor.ts';
import type { CryptoExecutorRouter } from '../../domain/ports/crypto-router.ts';
import type { KeyTransport } from '../../domain/ports/key-transport.ts';
import type { UsageRecorder } from '../../domain/ports/usage-recorder.ts';
import type { EncryptionContext } from '../../domain/values/encryption-context.ts';
import type { CommandContext } from '../../domain/kernel/context.ts';
import type { KeyService } from '../key-service.ts';
import type { KeyAuthorizer, RequestAccess } from '../access/request-access.ts';
/** Who calls and for what: every operation takes one. `caller` follows the convention in caller.ts. */
export interface CryptoCall {
    readonly ctx: CommandContext;
    /** The caller's account and region: where `alias/…` names are looked up. */
    readonly accountId: string;
    readonly region: string;
    readonly caller?: CallerIdentity;
    /**
     * Whether the caller may use each key the call resolves (docs/architecture.md §7): asked after resolving, before any
     * material is touched. Required: a call without an authorization decision cannot be expressed.
     */
    readonly authorizer: KeyAuthorizer;
}
export interface CryptoServiceDeps {
    readonly keys: KeyService;
    readonly router: CryptoExecutorRouter;
    readonly blobs: CiphertextBlobFormat;
    readonly transport: KeyTransport;
    readonly usage: UsageRecorder;
}
export type Result<A> = Promise<E.Either<KmsError, A>>;
export type Ctx = EncryptionContext | undefined;
export interface KeyVersionAnswer {
    readonly keyId: string;
    readonly keyVersionId: string;
}
export interface DataKeyRequest {
    readonly keyId: string;
    /** AES_256 or AES_128; ignored when numberOfBytes is given (API reference §5.9). */
    readonly keySpec?: string;
    readonly numberOfBytes?: number;
    readonly encryptionContext?: Ctx;
}
export interface ExportTarget {
    /** The caller's public key: DER SubjectPublicKeyInfo (Base64-decoded `PublicKeyBlob`), PEM also accepted. */
    readonly publicKeyBlob: Buffer;
    readonly wrappingKeySpec: string;
    readonly wrappingAlgorithm: string;
}
export interface AsymmetricTarget {
    readonly keyId: string;
    readonly keyVersionId: string;
}
export declare const refOf: (s: KeyState, versionId: string) => KeyVersionRef;
export declare const answer: (ref: KeyVersionRef) => KeyVersionAnswer;
/** A crypto call under one request's authorization: the service asks it on every key it resolves. */
export declare const cryptoCall: (access: RequestAccess, ctx: CommandContext, where: {
    accountId: string;
    region: string;
}, caller?: CallerIdentity) => CryptoCall;
/**
 * Which cloud service and resource a call is made for, recorded in `ActionInvoked` (docs/architecture.md §3) so the usage
 * view can tell which products and resources use a key.
 *
 * Convention (the HTTP layer follows it; the README repeats it):
 * 1. the request headers `x-acs-caller-service` (e.g. `ecs`) and `x-acs-caller-resource` (e.g. `disk/d-123`),
 *    which a calling cloud service sets, win;
 * 2. otherwise the EncryptionContext keys `aliyun:service` and `aliyun:resource`, which a client that cannot set
 *    headers (an SDK) binds into its ciphertexts anyway;
 * 3. otherwise none (null).
 * Values are cut to 256 characters: they are labels, and an event must stay small.
 */
export interface CallerIdentity {
    readonly service?: string | undefined;
    readonly resource?: string | undefined;
}
export declare const CALLER_SERVICE_CONTEXT_KEY = "aliyun:service";
export declare const CALLER_RESOURCE_CONTEXT_KEY = "aliyun:resource";
export declare const resolveCaller: (headers: CallerIdentity, context?: EncryptionContext) => CallerIdentity;
