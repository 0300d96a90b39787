// Entry of the report thread (report-thread.ts): a worker thread starts without the TypeScript loader the main
// thread has. In the built package (dist/) the compiled thread sits beside this file. In a checkout the source is
// bundled with esbuild (the compiler tsx itself runs) into node_modules/.cache/keyledger, where its packages
// resolve, and bundled again only when one of its source files changed: tsx's loader would take seconds to start
// in a fresh thread on a loaded machine, and the first report waits for the thread.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createHash } from 'node:crypto'

const built = new URL('./report-thread.js', import.meta.url)
const root = fileURLToPath(new URL('../../', import.meta.url))
const cache = `${root}node_modules/.cache/keyledger/`
const manifest = `${cache}report-thread.json`

/**
 * Written whole under a fresh name, then renamed: another process never reads half a file.
 * @param {string} file
 * @param {string} text
 */
const writeAtomically = (file, text) => {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`
  writeFileSync(tmp, text)
  renameSync(tmp, file)
}

/**
 * The bundle when every source file it was built from is unchanged since.
 * @returns {string | undefined}
 */
const cached = () => {
  try {
    /** @type {{ bundle: string, inputs: Record<string, number> }} */
    const m = JSON.parse(readFileSync(manifest, 'utf8')) // eslint-disable-line @typescript-eslint/no-unsafe-assignment -- our own manifest, written by bundle() below
    const fresh = Object.entries(m.inputs).every(([file, mtimeMs]) => statSync(`${root}${file}`).mtimeMs === mtimeMs)
    return fresh && existsSync(m.bundle) ? m.bundle : undefined
  } catch {
    return undefined
  }
}

/** @returns {Promise<string>} */
const bundle = async () => {
  const { build } = await import('esbuild')
  const out = await build({
    absWorkingDir: root, entryPoints: ['adapters/reports/report-thread.ts'], metafile: true,
    bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, logLevel: 'silent',
  })
  mkdirSync(cache, { recursive: true })
  const text = out.outputFiles[0].text
  const file = `${cache}report-thread-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`
  if (!existsSync(file)) writeAtomically(file, text)
  const inputs = Object.fromEntries(Object.keys(out.metafile.inputs).map((f) => [f, statSync(`${root}${f}`).mtimeMs]))
  writeAtomically(manifest, JSON.stringify({ bundle: file, inputs }))
  return file
}

if (existsSync(built)) await import(built.href)
else await import(pathToFileURL(cached() ?? (await bundle())).href)
