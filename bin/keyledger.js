#!/usr/bin/env node
// The `keyledger` command. TypeScript runs through tsx's loader, so there is no build step to forget.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../adapters/cli/main.ts')
await main(process.argv)
