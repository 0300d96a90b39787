import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
// @ts-expect-error: a plain JS build script, typed by its use here
import { BUNDLE_PATH, bundleConsole } from '../../../scripts/build-console.js'
import { en } from '../../../console/src/i18n/en.ts'
import { zhCN } from '../../../console/src/i18n/zh-cn.ts'

// The console's bundle is committed (a fresh clone serves it after `npm ci && npm start`, docs/console.md
// "Build"), so it must be what the sources build to; the sources type-check against the DOM; the two languages
// have the same texts.

const root = join(fileURLToPath(import.meta.url), '..', '..', '..', '..')

test('the committed console/public/app.js is what `npm run build:console` makes from console/src', async () => {
  const fresh = await bundleConsole() as string
  assert.ok(fresh === readFileSync(BUNDLE_PATH, 'utf8'), 'console/public/app.js is stale: run `npm run build:console` and commit it')
})

test('the console sources type-check (tsc -p console)', () => {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'console')], { encoding: 'utf8' })
  assert.is(r.status, 0, r.stdout + r.stderr)
})

test('English and Simplified Chinese have the same keys, none empty', () => {
  assert.equal(Object.keys(zhCN).sort(), Object.keys(en).sort())
  for (const [k, v] of [...Object.entries(en), ...Object.entries(zhCN)]) assert.ok(v.trim().length > 0, k)
})

test('every text the sources ask for exists', () => {
  const sources = spawnSync('grep', ['-rhoE', "\\bt\\('[A-Za-z.-]+'", join(root, 'console/src')], { encoding: 'utf8' }).stdout
  const keys = new Set([...sources.matchAll(/t\('([A-Za-z.-]+)'/g)].map((m) => m[1]!))
  assert.ok(keys.size > 50)
  for (const k of keys) assert.ok(k in en, `missing text: ${k}`)
})

test.run()
