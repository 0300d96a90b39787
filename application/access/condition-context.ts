import * as E from 'fp-ts/lib/Either.js'
import type { CommandContext } from '../../domain/kernel/context.ts'
import type { ConditionContext, KmsAction } from '../../domain/policy/index.ts'
import { decodeEncryptionContext } from '../../domain/values/encryption-context.ts'

// What a request carries for key-policy conditions (docs/key-policy-conditions.md), built here from what HTTP
// knows, so that domain/policy stays pure and HTTP never decides.

/** The request's facts as the wire layer sees them. */
export interface RequestFacts {
  /** Whether the request came over TLS (`acs:SecureTransport`). */
  readonly secureTransport?: boolean
  /** The signed caller service (`kms:ViaService`): ACS3's x-acs-caller-service. */
  readonly viaService?: string
  /** A request parameter as sent (Algorithm). */
  readonly param?: (name: string) => string | undefined
  /** An encryption context parameter as the wire carries it (JSON text or `Name.k=v`), undecoded when malformed. */
  readonly encryptionContext?: (name: string) => Readonly<Record<string, string>> | undefined
}

/** ReEncrypt carries two contexts: the source's is checked on the source key, the destination's on the other. */
const CONTEXT_PARAMETER: Partial<Record<KmsAction, string>> = {
  'kms:ReEncryptFrom': 'SourceEncryptionContext',
  'kms:ReEncryptTo': 'DestinationEncryptionContext',
}

/**
 * The condition context for one permission of the request. An EncryptionContext that does not decode carries
 * no context keys: the handler refuses it with InvalidParameter once authorized, and a condition on it fails.
 */
export const conditionContextOf = (command: CommandContext, facts: RequestFacts, action: KmsAction | undefined): ConditionContext => {
  const sent = facts.encryptionContext?.((action && CONTEXT_PARAMETER[action]) ?? 'EncryptionContext')
  const decoded = sent === undefined ? undefined : decodeEncryptionContext(sent)
  const algorithm = facts.param?.('Algorithm')
  return {
    currentTime: command.now,
    ...(command.sourceIp !== undefined ? { sourceIp: command.sourceIp } : {}),
    ...(facts.secureTransport !== undefined ? { secureTransport: facts.secureTransport } : {}),
    ...(facts.viaService ? { viaService: facts.viaService } : {}),
    ...(decoded && E.isRight(decoded) ? { encryptionContext: decoded.right } : {}),
    ...(algorithm ? { encryptionAlgorithm: algorithm } : {}),
  }
}
