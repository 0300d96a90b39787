import * as E from 'fp-ts/lib/Either.js'
import type { ComplianceReports } from '../../reports/compliance-reports.ts'
import type { KmsError } from '../../../domain/errors.ts'
import type { EventStore } from '../../../domain/ports/event-store.ts'
import type { IdGenerator } from '../../../domain/ports/ids.ts'
import type { CommandContext } from '../../../domain/kernel/context.ts'
import type { KeyService } from '../../../application/key-service.ts'
import type { CryptoService } from '../../../application/crypto-service.ts'
import type { CallerIdentity } from '../../../application/crypto/call.ts'
import type { Deployment } from '../../../application/deployment.ts'
import type { ReadModels } from '../../readstore/read-models.ts'
import type { AccessControl } from '../../../application/access/access-control.ts'
import type { QuotaGate } from '../../../application/access/quota-gate.ts'
import type { IdempotentWrites } from '../../../application/idempotency.ts'
import type { KeyRequest } from '../../../application/access/key-access.ts'
import type { RequestAccess } from '../../../application/access/request-access.ts'
import type { AuditLog } from '../../audit/audit-log.ts'
import type { Decoded } from '../wire/fields.ts'
import type { Params } from '../wire/params.ts'

export type { Deployment, KmsInstance } from '../../../application/deployment.ts'

export interface Caller {
  readonly accessKeyId: string
  readonly principal: string
  readonly accountId: string
}

/** What a handler knows of one request: its decoded parameters, the authenticated caller, and the command context. */
export interface ActionContext {
  readonly action: string
  readonly params: Params
  readonly caller: Caller
  readonly requestId: string
  /** Principal, request id, source IP and `now` (from the Clock port): becomes every event's metadata. */
  readonly command: CommandContext
  /** This request's authorization, handed on to the application's key-access step (never asked here). */
  readonly access: RequestAccess
  /**
   * The `x-acs-caller-service` / `x-acs-caller-resource` headers: labels the caller declares for the audit
   * (application/crypto/caller.ts), never used to authorize.
   */
  readonly callerHeaders: CallerIdentity
}

export interface ApiServices {
  readonly keys: KeyService
  readonly crypto: CryptoService
  /** The read store's views (catalogue, usage, policies) and read-your-writes (docs/architecture.md §6). */
  readonly readModels: ReadModels
  readonly store: EventStore
  readonly ids: IdGenerator
  readonly deployment: Deployment
  readonly access: AccessControl
  readonly quota: QuotaGate
  /** Client tokens of writing calls (application/idempotency.ts; docs/http-api.md "Idempotent writes"). */
  readonly idempotency: IdempotentWrites
  /** The verifiable log (adapters/audit/audit-log.ts): checkpoints and proofs. */
  readonly auditLog?: AuditLog
  /** GetComplianceReport's fold, on a worker thread (adapters/reports/compliance-reports.ts). */
  readonly reports: ComplianceReports
}

/** A handler returns the reply's fields (RequestId is added by the server) or a KmsError. */
export type ActionHandler = (ctx: ActionContext, services: ApiServices) => Promise<E.Either<KmsError, Record<string, unknown>>>

/** Action name (as in `Action` / `x-acs-action`) → handler. Tables are merged by the composition root. */
export type ActionTable = Readonly<Record<string, ActionHandler>>

type DecodedFields<R> = { readonly [K in keyof R]: R[K] extends Decoded<infer A> ? A : never }

/** Every field decoded, or the first failure in declaration order (the wire order a caller reads in errors). */
export const fields = <R extends Record<string, Decoded<unknown>>>(r: R): Decoded<DecodedFields<R>> => {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(r)) {
    if (E.isLeft(v)) return v
    out[k] = v.right
  }
  return E.right(out as DecodedFields<R>)
}

export const done = E.right({}) as E.Either<KmsError, Record<string, unknown>>

/** The request as the application's key-access step sees it (application/access/key-access.ts). */
export const keyRequest = (ctx: ActionContext, s: ApiServices): KeyRequest =>
  ({ access: ctx.access, action: ctx.action, accountId: ctx.caller.accountId, region: s.deployment.region })
