#!/usr/bin/env node
// The `keyledger` command. In a checkout the TypeScript sources run through tsx's loader; the packed package ships
// no sources, only the JavaScript built into dist/ by `npm pack` (docs/embedding.md "Build"), which runs with plain
// node. Which one is chosen by whether the sources are here, so a stale dist/ never shadows edited sources.
import { existsSync } from 'node:fs'

const source = new URL('../adapters/cli/main.ts', import.meta.url)
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api')
  register()
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- a module chosen at run time: its shape is main()
  const cli = /** @type {{ main: () => Promise<void> }} */ (await import(source.href))
  await cli.main()
} else {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- a module chosen at run time: its shape is main()
  const cli = /** @type {{ main: () => Promise<void> }} */ (await import(new URL('../dist/adapters/cli/main.js', import.meta.url).href))
  await cli.main()
}
