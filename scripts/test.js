#!/usr/bin/env node
// `npm test`: the type check, then every uvu spec under spec/ (or the folders given), ending with the plain
// `N passed, N failed` line CI reads (uvu itself prints only Total/Passed/Skipped).
// Each spec file runs in its own process, so one file's servers, timers or native handles cannot leak into
// the next, and a crashed file is counted as a failure instead of ending the run.
import { spawnSync, spawn } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(fileURLToPath(import.meta.url), '..', '..')
const args = process.argv.slice(2)
const typecheck = !args.includes('--no-typecheck')
const targets = args.filter((a) => !a.startsWith('--'))
const jobs = Number(process.env.SPEC_JOBS ?? 2)
// uvu has no timeout: a spec file that hangs (a deadlock, a server that never answers) is killed after this
// and counted as a failure, with what it printed, instead of stalling CI until its own limit.
const fileTimeoutMs = Number(process.env.SPEC_FILE_TIMEOUT_SECONDS ?? 300) * 1000

let failed = 0
let passed = 0
let skipped = 0

if (typecheck) {
  process.stdout.write('type check (tsc -p .)\n')
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', root], { stdio: 'inherit' })
  if (tsc.status !== 0) {
    process.stdout.write('type check failed\n')
    failed++
  } else passed++
}

const specFiles = (dir) => {
  const out = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (name === 'node_modules' || name === 'support' || name === 'vectors') continue
    const st = statSync(p)
    if (st.isDirectory()) out.push(...specFiles(p))
    else if (name.endsWith('.spec.ts')) out.push(p)
  }
  return out
}

const files = (targets.length ? targets : ['spec'])
  .flatMap((t) => (statSync(join(root, t)).isDirectory() ? specFiles(join(root, t)) : [join(root, t)]))
  .sort()

const runFile = (file) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'node_modules/uvu/bin.js'), relative(root, join(file, '..')), `^${escape(file.split('/').pop())}$`, '--no-color'], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0' },
    })
    let out = ''
    const timer = setTimeout(() => {
      out += `\nkilled: the file ran longer than ${fileTimeoutMs / 1000} s (SPEC_FILE_TIMEOUT_SECONDS)\n`
      child.kill('SIGKILL')
    }, fileTimeoutMs)
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ file, code: code ?? 1, out })
    })
  })

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const queue = [...files]
const running = []
const report = (r) => {
  const total = Number(/Total:\s+(\d+)/.exec(r.out)?.[1] ?? 0)
  const ok = Number(/Passed:\s+(\d+)/.exec(r.out)?.[1] ?? 0)
  const skip = Number(/Skipped:\s+(\d+)/.exec(r.out)?.[1] ?? 0)
  const bad = Math.max(total - ok - skip, r.code !== 0 && total === ok + skip ? 1 : 0)
  passed += ok
  failed += bad
  skipped += skip
  const mark = bad ? 'FAIL' : 'ok  '
  process.stdout.write(`${mark} ${relative(root, r.file)} (${ok}/${total}${skip ? `, ${skip} skipped` : ''})\n`)
  if (bad || process.env.SPEC_VERBOSE) process.stdout.write(r.out.split('\n').map((l) => `     ${l}`).join('\n') + '\n')
}
await new Promise((done) => {
  const next = () => {
    if (queue.length === 0 && running.length === 0) return done()
    while (running.length < jobs && queue.length) {
      const p = runFile(queue.shift()).then((r) => {
        running.splice(running.indexOf(p), 1)
        report(r)
        next()
      })
      running.push(p)
    }
  }
  next()
})

process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
