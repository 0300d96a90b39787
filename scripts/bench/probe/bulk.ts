// bulk.ts: history for the flat-cost probe (see the header below).
// bulk.ts <dataDir> <keyId> <count>: appends <count> ActionInvoked events to keyusage-<keyId> through the store
// port, 1000 per append (one transaction each), copying the shape of the key's last real usage record.
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
const [dir, keyId, count] = process.argv.slice(2) as [string, string, string]
const store = await SqliteEventStore.open(join(dir, 'events.sqlite'))
const stream = `keyusage-${keyId}`
const sample = (await store.readStream(stream)).at(-1)
if (!sample) throw new Error('no usage record to copy: call Encrypt once first')
const n = Number(count)
const t0 = Date.now()
for (let done = 0; done < n; ) {
  const size = Math.min(1000, n - done)
  const events = Array.from({ length: size }, () => {
    const requestId = randomUUID()
    return { eventId: randomUUID(), type: sample.type, data: { ...(sample.data as object), requestId }, metadata: { ...sample.metadata, requestId, correlationId: requestId, causationId: requestId, prevHash: undefined, hash: undefined } }
  })
  const r = await store.append(stream, 'any', events)
  if (r._tag !== 'Right') throw new Error('append failed')
  done += size
  if (done % 100000 === 0) process.stderr.write(`${done} in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`)
}
await store.close()
console.log(`appended ${n} in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
