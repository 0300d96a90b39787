// `npm run bench`: every benchmark, one after another, each printing ratios against a baseline measured in
// the same run (raw node:crypto, raw better-sqlite3, a bare node:http server, the bare EventStoreDB client).
// `npm run bench -- http pkcs11` runs only those. Sizes are small by default; each script takes its own
// arguments for longer runs (see its header).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const BENCHES: Record<string, string[]> = {
  'event-store': ['1', '3'],
  crypto: ['1'],
  http: ['3', '16'],
  pkcs11: ['1'],
  esdb: ['1000'],
  projections: [],
  'store-copy': ['200'],
  'audit-tree': ['0.25', '12'],
}

const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const names = chosen.length ? chosen : Object.keys(BENCHES)
let failed = 0
for (const name of names) {
  const args = BENCHES[name]
  if (!args) {
    process.stderr.write(`unknown benchmark ${name}; known: ${Object.keys(BENCHES).join(', ')}\n`)
    failed++
    continue
  }
  if (name === 'pkcs11' && !existsSync(process.env['KMS_PKCS11_MODULE'] ?? '/usr/lib/softhsm/libsofthsm2.so')) {
    process.stdout.write(`\n== ${name}: not run (SoftHSMv2 is not installed: apt-get install softhsm2)\n`)
    continue
  }
  process.stdout.write(`\n== ${name}\n`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, `${name}.ts`), ...args], { stdio: 'inherit' })
  if (r.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
