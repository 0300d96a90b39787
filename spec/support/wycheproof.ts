import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Wycheproof files copied into spec/vectors/wycheproof (the project never reads /work/shared at test time).

const dir = join(fileURLToPath(import.meta.url), '..', '..', 'vectors', 'wycheproof')

export interface WycheproofTest { tcId: number; comment: string; flags: string[]; result: 'valid' | 'invalid' | 'acceptable'; [k: string]: unknown }
export interface WycheproofGroup { tests: WycheproofTest[]; [k: string]: unknown }

export const loadVectors = (file: string): { numberOfTests: number; testGroups: WycheproofGroup[] } =>
  JSON.parse(readFileSync(join(dir, file), 'utf8'))

export const hex = (v: unknown): Buffer => Buffer.from(typeof v === 'string' ? v : '', 'hex')
