import * as E from 'fp-ts/lib/Either.js'
import { invalidParameter } from '../../../domain/errors.ts'
import { KeySpec, KeyUsage, ProtectionLevel } from '../../../domain/values/key-spec.ts'
import type { KeyFilters } from '../../../projections/queries.ts'
import type { Decoded } from '../wire/fields.ts'
import type { Params } from '../wire/params.ts'

// ListKeys `Filters` (API reference §1.3, 3.x): `[{"Key":"KeyState","Values":["Enabled"]}, …]`, at most 10
// filters of at most 10 values; values OR within a filter, filters AND. Every filter the catalogue can answer is
// offered; an unknown Key or a value that no key can have is refused with InvalidParameter naming it, rather
// than silently listing nothing.

const STATES = ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport'] as const // deleted keys are never listed

interface FilterDef {
  readonly valid: (v: string) => boolean
  readonly into: (f: Mutable, values: string[]) => void
}
type Mutable = { -readonly [K in keyof KeyFilters]: KeyFilters[K] }

const FILTERS: Readonly<Record<string, FilterDef>> = {
  KeyState: { valid: (v) => (STATES as readonly string[]).includes(v), into: (f, v) => { f.states = v as never } },
  KeySpec: { valid: (v) => KeySpec.is(v), into: (f, v) => { f.specs = v as never } },
  KeyUsage: { valid: (v) => KeyUsage.is(v), into: (f, v) => { f.usages = v as never } },
  ProtectionLevel: { valid: (v) => ProtectionLevel.is(v), into: (f, v) => { f.protectionLevels = v as never } },
  // S-1.1: keys users create, or service keys a cloud service created for the account ("default keys" tab).
  CreatorType: { valid: (v) => v === 'User' || v === 'Service', into: (f, v) => { f.creatorTypes = v as never } },
  DKMSInstanceId: { valid: (v) => v.length > 0 && v.length <= 128, into: (f, v) => { f.instanceIds = v } },
}

export const FILTER_NAMES = Object.keys(FILTERS)

export interface ListKeysFilters {
  readonly filters: KeyFilters
}

export const keyFilters = (p: Params): Decoded<ListKeysFilters> => {
  const text = p.get('Filters')
  if (text === undefined || text.trim() === '') return E.right({ filters: {} })
  const bad = (why: string) => E.left(invalidParameter('Filters', `${why} Use [{"Key":"<${FILTER_NAMES.join('|')}>","Values":["…"]}].`))
  let u: unknown
  try {
    u = JSON.parse(text)
  } catch {
    return bad('Filters is not JSON.')
  }
  if (!Array.isArray(u) || u.length > 10) return bad('Filters is a list of at most 10 filters.')
  const out: Mutable = {}
  const seen = new Set<string>()
  for (const f of u) {
    const key = (f as { Key?: unknown } | null)?.Key
    const values = (f as { Values?: unknown } | null)?.Values
    const def = typeof key === 'string' && Object.hasOwn(FILTERS, key) ? FILTERS[key] : undefined
    if (!def) return bad(`Unknown filter Key ${JSON.stringify(key)}.`)
    if (seen.has(key as string)) return bad(`Filter ${key as string} is given twice.`)
    seen.add(key as string)
    if (!Array.isArray(values) || values.length === 0 || values.length > 10 || !values.every((x) => typeof x === 'string'))
      return bad(`Filter ${key as string} needs 1 to 10 string Values.`)
    const wrong = (values).find((v) => !def.valid(v))
    if (wrong !== undefined) return bad(`${JSON.stringify(wrong)} is not a valid ${key as string}.`)
    def.into(out, values)
  }
  return E.right({ filters: out })
}
