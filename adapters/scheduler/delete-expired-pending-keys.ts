import * as E from 'fp-ts/lib/Either.js'
import type { CommandContext } from '../../domain/kernel/context.ts'
import type { AliasBinding, DueKey } from '../../projections/due-keys.ts'
import { deletedKeysHoldingAliases, dueForDeletion, dueForDeletionReminder } from '../../projections/due-keys.ts'
import { failedWith, fromEither, runOverDueKeys, type JobDeps, type JobReport, type Outcome } from './job.ts'
import { readAliasBindings, releaseAliases } from './release-aliases.ts'

/**
 * A pending deletion's reminder (docs/key-events.md "Deletion reminders"): RemindDeletion records DeletionReminded
 * on the key's stream when a configured lead time has come. `decide` re-checks on the stream itself and records a
 * lead at most once per pending deletion, so a stale view, a repeated run or a second scheduler records nothing.
 */
const remind = async (deps: JobDeps, key: DueKey, ctx: CommandContext): Promise<Outcome> => fromEither(
  await deps.keys.execute(key.keyId, { type: 'RemindDeletion', now: ctx.now.toISOString(), leads: deps.deletionReminders ?? [] }, ctx),
  (r) => {
    const reminded = r.events.find((e) => e.type === 'DeletionReminded')
    return reminded ? { kind: 'done', what: `reminded: deletion in ${reminded.data.lead}` } : { kind: 'unchanged' }
  })

/**
 * Pending deletions: the reminders before the end of the pending window (in the same run, so they cost no timer
 * of their own), deletion at its end (S-8.1, API reference §5.3), then release of the key's aliases. The release
 * is its own step after KeyDeleted: a run that stopped between the two finds the deleted key still holding
 * aliases in the view and finishes the release. `decide` refuses DeleteKey before `deleteDate` and answers a
 * second DeleteKey on a deleted key with no event, which makes two schedulers safe.
 */
export const deleteExpiredPendingKeys = (deps: JobDeps): Promise<JobReport> => {
  let bindings: Promise<Map<string, AliasBinding>> | undefined // read once per run, and only when needed
  const reminding = new Set<string>()
  return runOverDueKeys('deleteExpiredPendingKeys', deps,
    (view, now) => {
      const due = dueForDeletion(view, now)
      const ids = new Set(due.map((k) => k.keyId))
      const reminders = dueForDeletionReminder(view, now, deps.deletionReminders ?? [])
      for (const k of reminders) reminding.add(k.keyId) // a reminder is due only before the deletion: never both
      return [...reminders, ...due, ...deletedKeysHoldingAliases(view).filter((k) => !ids.has(k.keyId))]
    },
    async (key, ctx) => {
      if (reminding.has(key.keyId)) return remind(deps, key, ctx)
      let deleted = false
      if (key.status === 'PendingDeletion') {
        const r = await deps.keys.execute(key.keyId, { type: 'DeleteKey', now: ctx.now.toISOString() }, ctx)
        if (E.isLeft(r)) return failedWith(r.left)
        deleted = r.right.events.some((e) => e.type === 'KeyDeleted')
      }
      bindings ??= readAliasBindings(deps.keys.eventStore)
      const released = await releaseAliases(deps.keys, await bindings, key.keyId, ctx)
      if (E.isLeft(released)) return failedWith(released.left)
      const aliases = released.right.length ? `aliases released: ${released.right.join(', ')}` : ''
      if (deleted) return { kind: 'done', what: ['deleted', aliases].filter(Boolean).join('; ') }
      return aliases ? { kind: 'done', what: aliases } : { kind: 'unchanged' }
    })
}
