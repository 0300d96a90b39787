import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as tar from 'tar'

// Issue 17, item 1 (docs/embedding.md): `npm pack` gives a package another project installs and imports with plain
// node, no TypeScript loader; the example program in examples/ runs against it.
//
// How the package is installed here: its tarball is unpacked into the temporary project's node_modules/keyledger,
// as npm would, and its runtime dependencies are linked from this checkout's node_modules (the versions the lock
// file pins, already installed by `npm ci`). A real `npm install <tarball>` would have to fetch or compile the
// native modules (better-sqlite3, pkcs11js), which offline CI cannot; the package's own files are what is tested.

const root = join(fileURLToPath(import.meta.url), '..', '..', '..')
const work = mkdtempSync(join(tmpdir(), 'keyledger-pack-'))
const project = join(work, 'project')
const installed = join(project, 'node_modules', 'keyledger')
// The child processes get no loader: NODE_OPTIONS could carry the spec runner's tsx.
const plainEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('KMS_')))

const packed = spawnSync('npm', ['pack', '--pack-destination', work, '--json', '--loglevel=error'], { cwd: root, encoding: 'utf8', timeout: 240_000 })
if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}${packed.stdout}`)
const info = (JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[])[0]!
mkdirSync(installed, { recursive: true })
await tar.x({ file: join(work, info.filename), cwd: installed, strip: 1 })
const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
for (const dep of Object.keys(manifest.dependencies)) {
  const at = join(project, 'node_modules', dep)
  mkdirSync(dirname(at), { recursive: true })
  symlinkSync(join(root, 'node_modules', dep), at, 'dir')
}
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))

const runNode = (args: string[]) => spawnSync(process.execPath, args, { cwd: project, env: plainEnv, encoding: 'utf8', timeout: 60_000 })

test('issue 17 item 1: the packed package holds the built JavaScript with type declarations, no TypeScript sources, and needs no tsx', () => {
  const paths = info.files.map((f) => f.path)
  assert.ok(paths.includes('dist/composition/embedded.js'))
  assert.ok(paths.includes('dist/composition/embedded.d.ts'))
  assert.ok(paths.includes('dist/adapters/store/sqlite/writer-thread.mjs'))
  assert.ok(paths.includes('dist/adapters/reports/report-thread.mjs'), 'the report thread\'s entry (adapters/reports/report-thread.mjs)')
  assert.equal(paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts')), [])
  assert.throws(() => createRequire(join(installed, 'package.json')).resolve('tsx'), 'tsx is not reachable from the installed package')
})

test('issue 17 item 1: the example program, run with plain node against the installed package, creates a key, encrypts, decrypts and reads the audit', () => {
  copyFileSync(join(installed, 'examples', 'embedded-quickstart.mjs'), join(project, 'example.mjs'))
  const run = runNode(['example.mjs', join(work, 'data')])
  assert.is(run.status, 0, run.stderr)
  const out = JSON.parse(run.stdout) as { keyId: string; plaintext: string; refused: { code: string; httpStatus: number }; audit: { type: string; detail: string }[] }
  assert.is(out.plaintext, 'attack at dawn')
  assert.is(out.refused.httpStatus, 403)
  assert.ok(out.audit.some((e) => e.type === 'KeyCreated'))
  const calls = out.audit.filter((e) => e.type === 'ActionInvoked').map((e) => e.detail)
  assert.ok(calls.includes('kms:Encrypt allowed'), calls.join(' '))
  assert.ok(calls.includes('kms:Decrypt allowed'), calls.join(' '))
  assert.ok(calls.some((c) => c.startsWith('kms:Encrypt denied')), calls.join(' '))
})

test('issue 17 item 1: the installed package\'s keyledger command runs with plain node', () => {
  const run = runNode([join(installed, 'bin', 'keyledger.js'), '--help'])
  assert.is(run.status, 0, run.stderr)
  assert.match(run.stdout, /serve/)
})

test.after(() => rmSync(work, { recursive: true, force: true }))

test.run()
