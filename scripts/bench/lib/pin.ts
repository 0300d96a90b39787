import { spawnSync } from 'node:child_process'
import { availableParallelism } from 'node:os'

// The benchmark's layout: the server under test on core 0, the load client on core 1 (taskset, util-linux), so
// neither steals the other's CPU and a ratio compares like with like. Without taskset or a second core the
// processes run unpinned, and the results say so.

export type Core = 0 | 1

const hasTaskset = (): boolean => spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0

export const pinning: { readonly pinned: boolean; readonly why: string } = (() => {
  if (availableParallelism() < 2) return { pinned: false, why: 'fewer than 2 cores: server and client unpinned' }
  if (!hasTaskset()) return { pinned: false, why: 'taskset not found (apt-get install util-linux): unpinned' }
  return { pinned: true, why: 'server on core 0, load client on core 1 (taskset -c)' }
})()

/** [command, args] that run `argv` on `core` when pinning is possible, else as is. */
export const onCore = (core: Core, argv: readonly string[]): [string, string[]] =>
  pinning.pinned ? ['taskset', ['-c', String(core), ...argv]] : [argv[0]!, argv.slice(1)]
