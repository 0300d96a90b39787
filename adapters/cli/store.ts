import type { Command } from 'commander'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { copyEventStore, CopyMismatch, CopyRefused, type CopyProgress, type CopyReport } from '../store/copy.ts'
import { openEventStoreByUrl, UnsupportedStoreUrl } from '../store/select.ts'
import { phasedProgressBar } from './phased-progress.ts'

// `keyledger store …`: event store maintenance. `store copy` moves a deployment between stores (SQLite ⇄
// EventStoreDB) with every hash chain intact.

const COPY_HELP = `
Store URLs:
  sqlite:/var/lib/keyledger/events.sqlite   a SQLite event store file (a plain path works too;
                                            serve keeps it as <dataDir>/events.sqlite)
  esdb://host:2113?tls=false                EventStoreDB (any connection string @eventstore/db-client accepts)
  esdb+discover://host:2113                 EventStoreDB cluster, through gossip

Every stream is copied with its stream id, revisions, event ids, types, data and metadata, in the source's
global order; the target seals each event again and gets the same hashes. Then every stream's chain is
recomputed in both stores and their last hashes compared.

The target must not hold any of the source's streams, except identical prefixes left by an interrupted copy:
running the same command again resumes it (and later copies what the source gained since). Anything else is
refused before a single event is written. Only the source up to its head at the start is copied.

Exit status: 0 copied and verified, 1 refused or failed, 130 interrupted (run again to resume).

Example:
  keyledger store copy --from sqlite:./data/events.sqlite --to 'esdb://esdb.internal:2113?tls=false'`

export const registerStore = (program: Command): void => {
  const store = program.command('store').description('event store maintenance')
  store
    .command('copy')
    .description('copy every stream from one event store to another, hash chains intact, then verify them')
    .requiredOption('--from <url>', 'the source event store')
    .requiredOption('--to <url>', 'the target event store (empty, or holding an interrupted copy)')
    .option('--no-progress', 'no progress bar (a bar is drawn only when stderr is a terminal anyway)')
    .addHelpText('after', COPY_HELP)
    .action(async (opts: { from: string; to: string; progress: boolean }) => {
      process.exitCode = await runCopy(opts.from, opts.to, opts.progress && process.stderr.isTTY === true)
    })
}

/** Runs one copy and prints its outcome; returns the exit status. */
export const runCopy = async (from: string, to: string, showProgress: boolean, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> => {
  const abort = new AbortController()
  const onSigint = () => abort.abort()
  process.once('SIGINT', onSigint)
  const opened: EventStore[] = []
  const progress = showProgress ? progressBar() : undefined
  try {
    const source = await openEventStoreByUrl(from, { mustExist: true })
    opened.push(source)
    const target = await openEventStoreByUrl(to)
    opened.push(target)
    const report = await copyEventStore(source, target, { signal: abort.signal, onProgress: progress?.update })
    progress?.stop()
    out.write(summary(report))
    return 0
  } catch (e) {
    progress?.stop()
    if (abort.signal.aborted) {
      err.write('interrupted: what was copied stays; run the same command again to resume\n')
      return 130
    }
    if (e instanceof CopyRefused || e instanceof CopyMismatch || e instanceof UnsupportedStoreUrl) {
      err.write(`${e.message}\n`)
      return 1
    }
    err.write(`copy failed: ${e instanceof Error ? e.message : String(e)}\n`)
    return 1
  } finally {
    process.off('SIGINT', onSigint)
    await Promise.allSettled(opened.map((s) => s.close()))
  }
}

export const summary = (r: CopyReport): string =>
  [
    `copied ${r.written} events (${r.alreadyPresent} already in the target) of ${r.streams} streams in ${r.seconds.toFixed(2)} s: ${Math.round(r.eventsPerSecond)} events/s`,
    `verified: the last hash of all ${r.verified} streams recomputes and matches in source and target`,
    '',
  ].join('\n')

const progressBar = () =>
  phasedProgressBar<CopyProgress['phase']>((phase) => ({ label: phase === 'copy' ? 'copy  ' : 'verify', unit: phase === 'copy' ? 'events' : 'streams' }))
