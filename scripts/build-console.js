#!/usr/bin/env node
// `npm run build:console`: bundles the console's TypeScript (console/src) into console/public/app.js with esbuild
// (already installed: tsx runs on it). The bundle is committed, so a fresh clone serves the console after
// `npm ci && npm start` with no build step; spec/adapters/console/bundle.spec.ts fails when it is stale.
import { build } from 'esbuild'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(fileURLToPath(import.meta.url), '..', '..')

/** The bundle's text, built in memory: the same options for `npm run build:console` and the freshness spec. */
export const bundleConsole = async () => {
  const r = await build({
    entryPoints: [join(root, 'console/src/main.ts')], bundle: true, format: 'esm', target: 'es2022', platform: 'browser',
    absWorkingDir: root, write: false, legalComments: 'none', charset: 'utf8', logLevel: 'silent',
    banner: { js: '// Built by `npm run build:console` from console/src — do not edit.' },
  })
  return r.outputFiles[0].text
}

export const BUNDLE_PATH = join(root, 'console/public/app.js')

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(BUNDLE_PATH, await bundleConsole())
  process.stdout.write(`wrote ${BUNDLE_PATH}\n`)
}
