// Child process of spec/adapters/store/sqlite-crash.spec.ts: appends until killed, and prints the id of every
// event whose append was acknowledged (promise resolved), one per line. Written synchronously, and only after the
// promise resolved: a line on stdout means the append was acknowledged before the kill.
import { writeSync } from 'node:fs'
import { SqliteEventStore } from '../../adapters/store/sqlite/index.ts'
import { newEvents } from './store-events.ts'

const WORKERS = 16

const ack = (line: string): void => {
  const bytes = Buffer.from(line)
  for (let off = 0; off < bytes.length; ) {
    try {
      off += writeSync(1, bytes, off)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e // a full pipe: the parent is reading, try again
    }
  }
}

const path = process.argv[2]
if (!path) throw new Error('usage: sqlite-appender.ts <file>')
const store = await SqliteEventStore.open(path)

// Concurrent workers, each on its own stream with a numeric expected revision, so group commit batches them
// and the hash chain spans the runs of several killed children.
const worker = async (w: number): Promise<never> => {
  const stream = `crash-w${w}`
  let revision = (await store.readStream(stream)).length - 1
  for (let n = 0; ; n++) {
    const events = newEvents(1 + (n % 3), 'CrashTested')
    const r = await store.append(stream, revision, events)
    if (r._tag === 'Left') throw new Error(`unexpected conflict on ${stream}: actual ${r.left.actual}`)
    revision = r.right.lastRevision
    ack(events.map((e) => e.eventId).join('\n') + '\n')
  }
}

ack('ready\n')
await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)))
