// Entry of the event store's writer thread: a worker thread starts without the TypeScript loader the main thread
// has, so it registers tsx before loading the writer itself (writer-thread.ts).
import { register } from 'tsx/esm/api'

register()
await import('./writer-thread.ts')
