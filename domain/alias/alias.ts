import * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'
import { aliasNotFound, badRequest, type KmsError } from '../errors.ts'
import type { Decider } from '../kernel/decider.ts'

// An alias is its own tiny aggregate on `alias-<account>.<region>.<alias>`: uniqueness per account and region is
// then a property of the store (append with expected revision "no stream", or the revision that deleted it),
// not of a lock or a read model (docs/architecture.md §3).

export const AliasCreated = t.type({
  type: t.literal('AliasCreated'),
  data: t.type({ alias: t.string, keyId: t.string, accountId: t.string, region: t.string }),
})
export const AliasRetargeted = t.type({
  type: t.literal('AliasRetargeted'),
  data: t.type({ alias: t.string, keyId: t.string, previousKeyId: t.string, accountId: t.string, region: t.string }),
})
export const AliasDeleted = t.type({
  type: t.literal('AliasDeleted'),
  data: t.type({ alias: t.string, keyId: t.string, accountId: t.string, region: t.string }),
})
export const AliasEvent = t.union([AliasCreated, AliasRetargeted, AliasDeleted])
export type AliasEvent = t.TypeOf<typeof AliasEvent>

export interface AliasState {
  readonly exists: boolean
  /** The key the alias points to, or null when it was never created or was deleted. */
  readonly keyId: string | null
}

export const initialAliasState: AliasState = { exists: false, keyId: null }

export type AliasCommand =
  | { readonly type: 'CreateAlias'; readonly alias: string; readonly keyId: string; readonly accountId: string; readonly region: string }
  | { readonly type: 'UpdateAlias'; readonly alias: string; readonly keyId: string; readonly accountId: string; readonly region: string }
  /**
   * `onlyIfKeyId`: delete only while the alias still points to that key (the scheduler releasing a deleted key's
   * aliases): checked against the state the append's expected revision guards, so a release that races a
   * retarget or a re-creation never deletes an alias that now belongs to another key.
   */
  | { readonly type: 'DeleteAlias'; readonly alias: string; readonly accountId: string; readonly region: string; readonly onlyIfKeyId?: string }

export const aliasStreamId = (accountId: string, region: string, alias: string): string =>
  `alias-${accountId}.${region}.${alias}`

export const decideAlias = (cmd: AliasCommand, s: AliasState): E.Either<KmsError, AliasEvent[]> => {
  const { alias, accountId, region } = cmd
  switch (cmd.type) {
    case 'CreateAlias':
      return s.keyId !== null
        ? E.left(badRequest('AliasAlreadyExists', `The alias ${alias} already exists.`))
        : E.right([{ type: 'AliasCreated', data: { alias, keyId: cmd.keyId, accountId, region } }])
    case 'UpdateAlias':
      if (s.keyId === null) return E.left(aliasNotFound(alias))
      return s.keyId === cmd.keyId
        ? E.right([])
        : E.right([{ type: 'AliasRetargeted', data: { alias, keyId: cmd.keyId, previousKeyId: s.keyId, accountId, region } }])
    case 'DeleteAlias':
      if (cmd.onlyIfKeyId !== undefined && s.keyId !== cmd.onlyIfKeyId) return E.right([]) // released already, or not ours
      return s.keyId === null
        ? E.left(aliasNotFound(alias))
        : E.right([{ type: 'AliasDeleted', data: { alias, keyId: s.keyId, accountId, region } }])
  }
}

export const evolveAlias = (s: AliasState, e: AliasEvent): AliasState => {
  switch (e.type) {
    case 'AliasCreated':
    case 'AliasRetargeted':
      return { exists: true, keyId: e.data.keyId }
    case 'AliasDeleted':
      return { exists: true, keyId: null }
  }
}

/** The alias registry's rules as a decider (docs/architecture.md §4). */
export const aliasDecider: Decider<AliasCommand, AliasState, AliasEvent> = {
  initialState: initialAliasState, decide: decideAlias, evolve: evolveAlias, codec: AliasEvent,
}
