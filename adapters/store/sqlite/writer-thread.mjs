// Entry of the event store's writer thread: a worker thread starts without the TypeScript loader the main thread
// has. In the built package (dist/, docs/embedding.md "Build") the compiled writer sits beside this file; in a
// checkout it registers tsx before loading the writer's source (writer-thread.ts).
import { existsSync } from 'node:fs'

const built = new URL('./writer-thread.js', import.meta.url)
if (existsSync(built)) await import(built.href)
else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('./writer-thread.ts')
}
