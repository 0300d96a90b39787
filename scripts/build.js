#!/usr/bin/env node
// `npm run build` (run by `npm pack` through prepack): the TypeScript sources compiled to dist/ with type
// declarations (tsconfig.build.json), and the files tsc does not emit copied beside them (docs/embedding.md "Build").
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(fileURLToPath(import.meta.url), '..', '..')
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
if (tsc.status !== 0) process.exit(tsc.status ?? 1)
// The worker threads' entries are plain JavaScript (a worker starts without a TypeScript loader).
for (const file of ['adapters/store/sqlite/writer-thread.mjs', 'adapters/reports/report-thread.mjs']) {
  const to = join(root, 'dist', file)
  mkdirSync(dirname(to), { recursive: true })
  copyFileSync(join(root, file), to)
}
