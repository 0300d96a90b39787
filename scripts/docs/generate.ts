import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { regenerate } from './tables.ts'

// `npx tsx scripts/docs/generate.ts`: rewrites the generated tables of docs/operations.md from the code.
const page = join(import.meta.dirname, '..', '..', 'docs', 'operations.md')
writeFileSync(page, regenerate(readFileSync(page, 'utf8')))
