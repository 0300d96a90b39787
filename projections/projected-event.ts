import * as E from 'fp-ts/lib/Either.js'
import { AliasEvent } from '../domain/alias/alias.ts'
import { categoryOf, SealedMetadata, type RecordedEvent } from '../domain/kernel/envelope.ts'
import { ActionInvoked, DefaultKeyReserved, KeyEvent } from '../domain/key/index.ts'
import { upcast } from '../domain/kernel/upcast.ts'

// Events read back from a store are decoded with the domain's io-ts codecs before any view sees them
// (STYLE.md: boundaries decode). A store may hold streams no view knows (other aggregates): those pass as
// `other`, and only the hash-chain anchor looks at them.

interface Position {
  readonly position: number
  readonly streamId: string
  readonly revision: number
  readonly eventId: string
  readonly metadata: SealedMetadata
}

export type ProjectedEvent = Position & (
  | { readonly kind: 'key'; readonly event: KeyEvent }
  | { readonly kind: 'usage'; readonly event: ActionInvoked }
  | { readonly kind: 'alias'; readonly event: AliasEvent }
  | { readonly kind: 'defaultkey'; readonly event: DefaultKeyReserved }
  | { readonly kind: 'other'; readonly event: { readonly type: string; readonly data: unknown } }
)

/** An event that does not decode: reported with its place in the log, never dropped silently. */
export interface DecodeProblem {
  readonly position: number
  readonly streamId: string
  readonly revision: number
  readonly type: string
  readonly reason: string
}

const codecs = { key: KeyEvent, keyusage: ActionInvoked, alias: AliasEvent, defaultkey: DefaultKeyReserved } as const
const kinds = { key: 'key', keyusage: 'usage', alias: 'alias', defaultkey: 'defaultkey' } as const

export const decodeRecorded = (r: RecordedEvent): E.Either<DecodeProblem, ProjectedEvent> => {
  const at = { position: r.position, streamId: r.streamId, revision: r.revision, eventId: r.eventId }
  const problem = (reason: string): E.Either<DecodeProblem, ProjectedEvent> => E.left({ ...at, type: r.type, reason })
  const meta = SealedMetadata.decode(r.metadata)
  if (E.isLeft(meta)) return problem(`metadata: ${describe(meta.left)}`)
  const category = categoryOf(r.streamId)
  if (!(category in codecs)) return E.right({ ...at, metadata: meta.right, kind: 'other', event: { type: r.type, data: r.data } })
  const c = category as keyof typeof codecs
  const decoded = (codecs[c] as typeof KeyEvent).decode(upcast(r))
  if (E.isLeft(decoded)) return problem(`${r.type}: ${describe(decoded.left)}`)
  return E.right({ ...at, metadata: meta.right, kind: kinds[c], event: decoded.right } as ProjectedEvent)
}

const describe = (errors: readonly { context: readonly { key: string }[]; message?: string | undefined }[]): string => {
  const first = errors[0]
  if (!first) return 'does not decode'
  const path = first.context.map((c) => c.key).filter(Boolean).join('.')
  return first.message ?? `invalid value at ${path || '(root)'}`
}
