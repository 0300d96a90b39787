import type { NonceVerdict } from '../http/auth/nonce-cache.ts'
import type { ActionGroup } from '../http/throttle.ts'
import type { WireAppend } from '../store/sqlite/writer-protocol.ts'
import type { Committed } from './shared-writer.ts'

// What `serve --workers` processes tell each other over the cluster's IPC channel (docs/architecture.md
// §9, docs/config.md "Several workers"): the primary holds the state that must be one for all of them.

export interface NonceAsk {
  readonly id: number
  readonly accessKeyId: string
  readonly nonce: string
  readonly at: number
  readonly now: number
}

export type ToPrimary =
  | { readonly kl: 'nonces'; readonly asks: readonly NonceAsk[] }
  | { readonly kl: 'lock'; readonly id: number; readonly pool: string }
  | { readonly kl: 'lease'; readonly id: number; readonly accountId: string; readonly group: ActionGroup }
  | { readonly kl: 'unlock'; readonly pool: string }
  | { readonly kl: 'listening'; readonly url: string }
  | { readonly kl: 'append'; readonly appends: readonly WireAppend[] }

export type ToWorker =
  | { readonly kl: 'nonces'; readonly verdicts: ReadonlyArray<{ readonly id: number; readonly verdict: NonceVerdict }> }
  | { readonly kl: 'locked'; readonly id: number }
  | { readonly kl: 'leased'; readonly id: number; readonly granted: number; readonly retryInMs: number }
  | ({ readonly kl: 'committed' } & Committed)

export const isClusterMessage = (m: unknown): m is { kl: string } =>
  typeof m === 'object' && m !== null && typeof (m as { kl?: unknown }).kl === 'string'
