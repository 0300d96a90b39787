import type { Command } from 'commander'
import { lockDataDir, requireDataDir } from '../data-dir/guard.ts'
import { SingleBar, Presets } from 'cli-progress'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { allViews } from '../../projections/views/index.ts'
import { ProjectionRunner, type RebuildResult } from '../readstore/runner.ts'
import type { SqliteReadStore } from '../readstore/sqlite.ts'
import { openDataDirReadStore } from '../../composition/stores.ts'
import { storeTarget, withStore, withStoreOptions, type CliContext, type StoreOptions } from './context.ts'
import { CliError } from './format.ts'

// `keyledger projections rebuild [VIEW]`: drop a view (or all) and fold the whole log into it again. Run it
// with the server stopped, or the server's runner and this one race on the same checkpoints.

export const rebuildProjections = async (
  store: EventStore,
  readStore: SqliteReadStore,
  view: string | undefined,
  progress: boolean
): Promise<{ text: string; result: RebuildResult }> => {
  if (view && !allViews.some((v) => v.name === view))
    throw new CliError(`no view named ${view}; views: ${allViews.map((v) => v.name).join(', ')}`)
  const runner = new ProjectionRunner({ store, readStore, views: allViews, batchSize: 2000 })
  const bar = progress ? new SingleBar({ format: 'rebuild [{bar}] {percentage}% | {value}/{total} events | {eta_formatted}' }, Presets.shades_classic) : undefined
  let started = false
  const result = await runner.rebuild(view, (p) => {
    if (bar && !started) { bar.start(p.total, 0); started = true }
    bar?.update(p.done)
  })
  bar?.stop()
  const rate = result.ms > 0 ? Math.round(result.events / (result.ms / 1000)) : result.events
  return { result, text: `rebuilt ${result.views.join(', ')}: ${result.events} events in ${(result.ms / 1000).toFixed(2)} s (${rate} events/s)` }
}

export const registerProjections = (program: Command, ctx: CliContext): void => {
  const p = program.command('projections').description('read models')
  withStoreOptions(p.command('rebuild [view]').description(`drop and refold a view (${allViews.map((v) => v.name).join(', ')}) or all`))
    .action(async (view: string | undefined, o: StoreOptions) => {
      const target = storeTarget(o)
      requireDataDir(target.dataDir)
      // The read store is the server's to write: never rebuilt under a running server.
      const lock = lockDataDir(target.dataDir, 'projections rebuild', ctx.err)
      try {
        await rebuild(target, view)
      } finally {
        lock.release()
      }
    })
  const rebuild = (target: ReturnType<typeof storeTarget>, view: string | undefined) =>
    withStore(ctx, target, async (store) => {
      const rs = openDataDirReadStore(target.dataDir)
      try {
        ctx.out((await rebuildProjections(store, rs, view, ctx.progress)).text)
      } finally {
        rs.close()
      }
    })
}
