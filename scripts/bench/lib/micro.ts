import { spawn } from 'node:child_process'
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { onCpus } from './pin.ts'
import type { Row } from './results.ts'

// The micro-benchmarks (one script each in scripts/bench/, each also runnable on its own with its own
// arguments, see its header): run on core 0, their own output kept in the logs, their rows handed back through
// the file named by BENCH_ROWS_FILE (lib/results.ts emitRows).

/** Arguments for a full run and for --quick; `inQuick: false` leaves it out of `--quick` unless named. */
export const MICRO: Record<string, { full: string[]; quick: string[]; inQuick: boolean }> = {
  'event-store': { full: ['1', '3'], quick: ['0.5', '1'], inQuick: true },
  crypto: { full: ['1'], quick: ['0.3'], inQuick: true },
  pkcs11: { full: ['1'], quick: ['0.3'], inQuick: false },
  esdb: { full: ['1000'], quick: ['200'], inQuick: false },
  projections: { full: [], quick: ['--keys', '1000', '--events', '10000', '--rounds', '2', '--queries', '500'], inQuick: false },
  'store-copy': { full: ['200'], quick: ['50'], inQuick: false },
  'pkcs1-implicit-rejection': { full: [], quick: [], inQuick: false },
}

export const runMicro = async (name: string, quick: boolean, logDir: string, log: (l: string) => void): Promise<{ rows: Row[]; notes: string[] }> => {
  if (name === 'pkcs11' && !existsSync(process.env['KMS_PKCS11_MODULE'] ?? '/usr/lib/softhsm/libsofthsm2.so'))
    return { rows: [], notes: ['pkcs11 not run: SoftHSMv2 is not installed (apt-get install softhsm2)'] }
  const args = MICRO[name]![quick ? 'quick' : 'full']
  const logFile = join(logDir, `micro-${name}.log`)
  const rowsFile = join(logDir, `micro-${name}.json`)
  log(`micro: ${name} ${args.join(' ')}`)
  const fd = openSync(logFile, 'w')
  const [cmd, argv] = onCpus('server', [process.execPath, '--import', 'tsx', join(import.meta.dirname, '..', `${name}.ts`), ...args])
  const code = await new Promise<number | null>((resolve) => {
    const p = spawn(cmd, argv, { stdio: ['ignore', fd, fd], env: { ...process.env, BENCH_ROWS_FILE: rowsFile } })
    p.on('close', resolve)
  })
  closeSync(fd)
  if (code !== 0) throw new Error(`${name} exited ${code}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`)
  if (!existsSync(rowsFile)) throw new Error(`${name} wrote no rows`)
  return { rows: JSON.parse(readFileSync(rowsFile, 'utf8')) as Row[], notes: [] }
}
