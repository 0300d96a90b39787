#!/usr/bin/env node
// The `keyledger` command: TypeScript sources run through tsx's loader (the project ships no build step).
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../adapters/cli/main.ts')
await main()
