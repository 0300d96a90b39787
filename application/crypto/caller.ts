import type { EncryptionContext } from '../../domain/values/encryption-context.ts'

/**
 * Which cloud service and resource a call is made for, recorded in `ActionInvoked` (DESIGN §3) so the usage
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
  readonly service?: string | undefined
  readonly resource?: string | undefined
}

export const CALLER_SERVICE_CONTEXT_KEY = 'aliyun:service'
export const CALLER_RESOURCE_CONTEXT_KEY = 'aliyun:resource'
const MAX_LABEL = 256

const label = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : s.slice(0, MAX_LABEL))

export const resolveCaller = (headers: CallerIdentity, context?: EncryptionContext): CallerIdentity => ({
  service: label(headers.service) ?? label(context?.[CALLER_SERVICE_CONTEXT_KEY]),
  resource: label(headers.resource) ?? label(context?.[CALLER_RESOURCE_CONTEXT_KEY]),
})
