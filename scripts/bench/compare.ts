// `npm run bench -- --compare URL --access-key-id ID --access-key-secret S`: the same signed workloads against
// another endpoint that speaks this API (Alibaba Cloud KMS, another keyledger, an emulator), side by side with
// a local keyledger measured in the same run. The other endpoint runs where it runs (no pinning); its keys are
// made there first with CreateKey (and one Encrypt for the Decrypt ciphertext) and scheduled for deletion after
// (ScheduleKeyDeletion, the shortest window of 7 days).
import { join } from 'node:path'
import { Samples, runLoad, type LoadSettings } from './lib/measure.ts'
import { callApi } from './lib/api.ts'
import { ratioOf, type Row } from './lib/results.ts'
import type { AccessKey } from './lib/sdk-request.ts'
import { startKeyledger } from './lib/server.ts'
import { newPlaintext, setUpTarget, workloadsFor } from './lib/workloads.ts'

export interface CompareOptions extends LoadSettings {
  readonly url: string
  readonly otherKey: AccessKey
  readonly rounds: number
  readonly warmupSeconds: number
  readonly workDir: string
  readonly logDir: string
  readonly serveArgs: readonly string[]
  readonly log: (line: string) => void
}

export const runCompare = async (o: CompareOptions): Promise<{ rows: Row[]; notes: string[] }> => {
  const kl = await startKeyledger({ dataDir: join(o.workDir, 'compare-data'), key: o.key, logDir: o.logDir, name: 'keyledger-compare', serveArgs: o.serveArgs })
  try {
    const plaintext = newPlaintext()
    const mine = workloadsFor(await setUpTarget(kl.url, o.key, plaintext), plaintext)
    const otherKeys = await setUpTarget(o.url, o.otherKey, plaintext)
    const theirs = workloadsFor(otherKeys, plaintext)
    const all = (x: typeof mine) => [x.describe, ...x.symmetric, ...x.sign]
    const pairs = all(mine).flatMap((m) => {
      const t = all(theirs).find((x) => x.name === m.name)
      return t ? [{ m, t }] : []
    })
    const other = { ...o, key: o.otherKey }
    const samples = pairs.map(() => ({ mine: new Samples('keyledger (local)'), theirs: new Samples(o.url) }))
    for (const { m, t } of pairs) {
      await runLoad(o, kl.url, m, o.warmupSeconds)
      await runLoad(other, o.url, t, o.warmupSeconds)
    }
    for (let round = 0; round < o.rounds; round++)
      for (const [i, { m, t }] of pairs.entries()) {
        const a = await runLoad(o, kl.url, m)
        const b = await runLoad(other, o.url, t)
        samples[i]!.mine.addLoad(a)
        samples[i]!.theirs.addLoad(b)
        o.log(`compare: round ${round + 1}/${o.rounds} ${m.name}: keyledger ${a.reqPerSec.toFixed(0)} req/s, ${o.url} ${b.reqPerSec.toFixed(0)} req/s${b.non2xx + b.errors ? ` (${b.non2xx + b.errors} failed)` : ''}`)
      }
    const rows = pairs.map(({ m }, i): Row => {
      const subject = samples[i]!.theirs.measure()
      const baseline = samples[i]!.mine.measure()
      return {
        section: 'compare', name: m.name, unit: 'req/s', subject, baseline, ratio: ratioOf(subject.perSec, baseline.perSec), target: null,
        ...(subject.failed ? { note: `${subject.failed} calls to ${o.url} failed` } : {}),
      }
    })
    const made = [otherKeys.aesKeyId, otherKeys.rsa?.keyId, otherKeys.ec?.keyId].filter((k): k is string => k !== undefined)
    const left: string[] = []
    for (const keyId of made)
      await callApi(o.url, o.otherKey, 'ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: '7' }).catch(() => left.push(keyId))
    return { rows, notes: [...otherKeys.notes, ...(left.length ? [`could not schedule the deletion of ${left.join(', ')}`] : [])].map((n) => `${o.url}: ${n}`) }
  } finally {
    await kl.stop()
  }
}
