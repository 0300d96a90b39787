import { spawnSync } from 'node:child_process'
import { availableParallelism } from 'node:os'

// The benchmark's layout: the server under test on core 0, the load client on core 1 (taskset, util-linux), so
// neither steals the other's CPU and a ratio compares like with like. Without taskset or a second core the
// processes run unpinned, and the results say so. `--server-cpus` / `--client-cpus` change the lists (e.g. a
// two-worker server on 0,1 — then it shares a core with the client on a 2-core machine, and the heading says so).

export type Role = 'server' | 'client'

const hasTaskset = (): boolean => spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0
const canPin = availableParallelism() >= 2 && hasTaskset()
const cpus: Record<Role, string> = { server: '0', client: '1' }

export const setCpus = (role: Role, list: string): void => {
  if (!/^\d+([,-]\d+)*$/.test(list)) throw new Error(`--${role}-cpus takes a taskset list such as 0 or 0,1 (got ${list})`)
  cpus[role] = list
}

export const pinningDescription = (): string => {
  if (availableParallelism() < 2) return 'fewer than 2 cores: server and client unpinned'
  if (!canPin) return 'taskset not found (apt-get install util-linux): server and client unpinned'
  const cores = (list: string) => `core${/[,-]/.test(list) ? 's' : ''} ${list}`
  return `server on ${cores(cpus.server)}, load client on ${cores(cpus.client)} (taskset -c)`
}

/** [command, args] that run `argv` on the role's cores when pinning is possible, else as is. */
export const onCpus = (role: Role, argv: readonly string[]): [string, string[]] =>
  canPin ? ['taskset', ['-c', cpus[role], ...argv]] : [argv[0]!, argv.slice(1)]
