// The flat-cost row (issue #11 item 2): signed Encrypt on a key with a long history of ActionInvoked events
// against a fresh key, and the server's memory in both cases. Two servers, each on its own data dir, take turns
// on core 0: "fresh" (a new data dir; a new key each round) and "history" (one key given `historyEvents` earlier
// ActionInvoked events by lib/history.ts, folded into the read models by a first start, then restarted). Target: req/s ratio ≥ 0.9, RSS within 10 %.
import { join } from 'node:path'
import { Samples, runLoad, type LoadSettings } from './lib/measure.ts'
import { appendUsageHistory } from './lib/history.ts'
import { ratioOf, type FlatCost, type Row } from './lib/results.ts'
import { startKeyledger, type RunningServer } from './lib/server.ts'
import { createAesKey, encryptWorkload, newPlaintext } from './lib/workloads.ts'
import { callApi } from './lib/api.ts'

export interface FlatOptions extends LoadSettings {
  readonly rounds: number
  readonly warmupSeconds: number
  readonly historyEvents: number
  readonly quick: boolean
  readonly workDir: string
  readonly logDir: string
  readonly serveArgs: readonly string[]
  readonly log: (line: string) => void
}

const timed = async <A>(f: () => Promise<A>): Promise<[A, number]> => {
  const t0 = performance.now()
  const a = await f()
  return [a, (performance.now() - t0) / 1000]
}

export const runFlat = async (o: FlatOptions): Promise<{ rows: Row[]; flat: FlatCost }> => {
  const plaintext = newPlaintext()
  const start = (dir: string, name: string) => startKeyledger({ dataDir: join(o.workDir, dir), key: o.key, logDir: o.logDir, name, serveArgs: o.serveArgs })
  const servers: RunningServer[] = []
  try {
    // The history key: one real Encrypt gives the template, then the server stops for the bulk append.
    const first = await start('flat-history', 'keyledger-flat-history-setup')
    const keyId = await createAesKey(first.url, o.key)
    await callApi(first.url, o.key, 'Encrypt', { KeyId: keyId, Plaintext: plaintext })
    await first.stop()
    o.log(`flat: appending ${o.historyEvents.toLocaleString('en')} ActionInvoked events to keyusage-${keyId}`)
    let shown = 0
    const built = await appendUsageHistory(join(o.workDir, 'flat-history', 'events.sqlite'), keyId, o.historyEvents, (done) => {
      if (done - shown >= o.historyEvents / 10) {
        shown = done
        o.log(`flat:   ${done.toLocaleString('en')} appended`)
      }
    })
    o.log(`flat: built in ${built.seconds.toFixed(1)} s (${built.eventsPerSecond.toFixed(0)} events/s); folding it into the read models`)
    // The bulk append went behind the server's back, so the first start folds the whole history into the read
    // models (a server that recorded those calls itself folded each as it came). That start is setup, timed
    // apart: the measured server is a restart, as a long-running deployment's would be, so its memory is that of
    // a server with this history, not the high-water mark of one catch-up of it.
    const [folder, foldSeconds] = await timed(() => start('flat-history', 'keyledger-flat-history-fold'))
    await folder.stop()
    o.log(`flat: folded in ${foldSeconds.toFixed(1)} s; starting both servers`)
    const [history, historyStart] = await timed(() => start('flat-history', 'keyledger-flat-history'))
    servers.push(history)
    const [fresh, freshStart] = await timed(() => start('flat-fresh', 'keyledger-flat-fresh'))
    servers.push(fresh)
    o.log(`flat: servers listening after ${historyStart.toFixed(1)} s (history) and ${freshStart.toFixed(1)} s (fresh)`)

    const historyLoad = encryptWorkload(keyId, plaintext)
    await runLoad(o, history.url, historyLoad, o.warmupSeconds)
    const freshSamples = new Samples('fresh key')
    const historySamples = new Samples(`key with ${o.historyEvents.toLocaleString('en')} earlier ActionInvoked`)
    for (let round = 0; round < o.rounds; round++) {
      const freshLoad = encryptWorkload(await createAesKey(fresh.url, o.key), plaintext)
      if (round === 0) await runLoad(o, fresh.url, freshLoad, o.warmupSeconds)
      const order = round % 2 === 0 ? ['fresh', 'history'] as const : ['history', 'fresh'] as const
      for (const side of order) {
        const r = await runLoad(o, side === 'fresh' ? fresh.url : history.url, side === 'fresh' ? freshLoad : historyLoad)
        ;(side === 'fresh' ? freshSamples : historySamples).addLoad(r)
        o.log(`flat: round ${round + 1}/${o.rounds} ${side}: ${r.reqPerSec.toFixed(0)} req/s, p99 ${r.p99Ms} ms`)
      }
    }
    const rss = { fresh: fresh.memory()?.rssMiB ?? NaN, history: history.memory()?.rssMiB ?? NaN }
    const subject = historySamples.measure()
    const baseline = freshSamples.measure()
    const ratio = ratioOf(subject.perSec, baseline.perSec)
    const label = `Encrypt after ${o.historyEvents.toLocaleString('en')} ActionInvoked${o.quick ? ' (--quick: not the 1M of the target)' : ''}`
    const flat: FlatCost = {
      historyEvents: o.historyEvents, quick: o.quick,
      build: {
        how: 'one real Encrypt\'s ActionInvoked copied (new event id, request id, time) and appended through the store port, SqliteEventStore.append, 10,000 events per call: the adapter seals the hash chain as for any append',
        seconds: built.seconds, eventsPerSecond: built.eventsPerSecond, foldSeconds,
      },
      startSeconds: { fresh: freshStart, history: historyStart },
      rssMiB: { ...rss, ratio: rss.history / rss.fresh },
      reqPerSec: { fresh: baseline.perSec, history: subject.perSec, ratio: ratio ?? NaN },
    }
    const rows: Row[] = [
      {
        section: 'flat', name: label, unit: 'req/s', subject, baseline, ratio, target: '≥ 0.9',
        ...(subject.perSec === 0 ? { note: `no answer within any ${o.seconds}-s window: each call took longer; see keyledger-flat-history.log (--keep)` } : {}),
      },
      {
        section: 'flat', name: 'server RSS after the Encrypt runs', unit: 'MiB', subject: { label: 'history', perSec: rss.history, p50Ms: null, p99Ms: null },
        baseline: { label: 'fresh', perSec: rss.fresh, p50Ms: null, p99Ms: null }, ratio: rss.history / rss.fresh, target: '≤ 1.1',
      },
    ]
    return { rows, flat }
  } finally {
    for (const s of servers.reverse()) await s.stop()
  }
}
