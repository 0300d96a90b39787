import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { API_OPERATIONS, type Operation } from '../../domain/operations/catalogue.ts'
import { EXIT_CODE_TABLE } from '../../adapters/operator-error.ts'

// The tables of docs/operations.md that come from the code (scripts/docs/generate.ts writes them;
// spec/docs/operations.spec.ts fails when the page drifts from the code). Each is a block between
// `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`.

const root = join(import.meta.dirname, '..', '..')
const SOURCE_DIRS = ['domain', 'application', 'adapters', 'projections', 'composition']

/** Every .ts file of the server's source, for the scans below. */
export const sourceFiles = (): string[] => {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const n of readdirSync(dir)) {
      const p = join(dir, n)
      if (statSync(p).isDirectory()) walk(p)
      else if (n.endsWith('.ts')) out.push(p)
    }
  }
  for (const d of SOURCE_DIRS) walk(join(root, d))
  return out.sort()
}

const STATUS_OF: Record<string, number> = { badRequest: 400, forbidden: 403, notFound: 404, conflict: 409, rejected: 409 }

/**
 * The API's error codes, from the error constructors' call sites: `badRequest('Code'`, `forbidden(…)`,
 * `notFound(…)`, `conflict(…)`, `rejected(…)`, and `{ code: 'Code', httpStatus: N }` literals. Codes of the
 * operator (Config.*, DataDir.*, …: start-up and CLI) are in operatorErrorCodes.
 */
export const apiErrorCodes = (): { code: string; httpStatus: number }[] => {
  const found = new Map<string, Set<number>>()
  const add = (code: string, status: number) => found.set(code, (found.get(code) ?? new Set()).add(status))
  for (const f of sourceFiles()) {
    const text = readFileSync(f, 'utf8')
    for (const m of text.matchAll(/\b(badRequest|forbidden|notFound|conflict|rejected)\(\s*'([A-Za-z][A-Za-z0-9.]*)'/g)) add(m[2]!, STATUS_OF[m[1]!]!)
    for (const m of text.matchAll(/code: '([A-Za-z][A-Za-z0-9.]*)',\s*httpStatus: (\d{3})/g)) add(m[1]!, Number(m[2]))
    for (const m of text.matchAll(/\bcode: '([A-Za-z][A-Za-z0-9.]*)'[^\n]*\bhttpStatus: (\d{3})/g)) add(m[1]!, Number(m[2]))
  }
  // The fixed-code constructors of domain/errors.ts.
  add('InvalidParameter', 400); add('MissingParameter', 400); add('InternalFailure', 500)
  add('Forbidden.KeyNotFound', 404); add('Forbidden.KeyVersionNotFound', 404); add('Forbidden.AliasNotFound', 404)
  add('Rejected.StateModifiedFailed', 409); add('Rejected.LimitExceeded', 400); add('Rejected.UnsupportedOperation', 400); add('Forbidden.NoPermission', 403)
  return [...found].filter(([code]) => !isOperatorCode(code))
    .flatMap(([code, statuses]) => [...statuses].map((httpStatus) => ({ code, httpStatus })))
    .sort((a, b) => a.httpStatus - b.httpStatus || a.code.localeCompare(b.code))
}

const OPERATOR_PREFIXES = ['Config.', 'DataDir.', 'Backup.', 'Restore.', 'Scheduler.', 'ReadModels.', 'Start.', 'Stop.', 'Upgrade.', 'Witness.']
const FAMILIES = OPERATOR_PREFIXES.map((p) => p.slice(0, -1)).join('|')
const isOperatorCode = (code: string): boolean => OPERATOR_PREFIXES.some((p) => code.startsWith(p))

/** The operator's error codes (start-up, CLI, scheduler, witnesses), from OperatorError, StartupRefused, KmsError and log literals. */
export const operatorErrorCodes = (): string[] => {
  const found = new Set<string>()
  for (const f of sourceFiles()) {
    const text = readFileSync(f, 'utf8')
    for (const m of text.matchAll(new RegExp(`'((?:${FAMILIES})\\.[A-Za-z]+)'`, 'g'))) found.add(m[1]!)
    // Codes printed at the start of a line's text ("Config.UnprotectedRootKey: listening beyond loopback…").
    for (const m of text.matchAll(new RegExp(`\\b((?:${FAMILIES})\\.[A-Z][A-Za-z]+):`, 'g'))) found.add(m[1]!)
  }
  return [...found].sort()
}

const table = (head: string[], rows: string[][]): string =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')

const permissionText = (o: Operation): string =>
  o.permission === null ? '—'
    : 'source' in o.permission ? `\`${o.permission.source}\` + \`${o.permission.destination}\``
      : `\`${o.permission.action}\`${o.permission.scope === 'account' ? ' (account)' : ''}`

export const generatedBlocks = (): Record<string, string> => ({
  'exit-codes': table(['Exit', 'Name', 'Meaning'], EXIT_CODE_TABLE.map((r) => [String(r.code), r.name, r.meaning])),
  // From the operation catalogue (domain/operations/catalogue.ts); docs/http-api.md has its full table.
  actions: table(['Action', 'Spec', 'Permission', 'Writes'], API_OPERATIONS.map((o) => [`\`${o.name}\``, o.ref, permissionText(o), o.writes ? 'yes' : 'no'])),
  'api-errors': table(['HTTP', 'Code'], apiErrorCodes().map((e) => [String(e.httpStatus), `\`${e.code}\``])),
  'operator-errors': operatorErrorCodes().map((c) => `\`${c}\``).join(', '),
})

const BLOCK = /<!-- generated:([a-z-]+) -->\n[\s\S]*?<!-- \/generated:\1 -->/g

/** The page with every generated block replaced by what the code says now. */
export const regenerate = (page: string, blocks = generatedBlocks()): string =>
  page.replace(BLOCK, (_whole, name: string) => {
    const body = blocks[name]
    if (body === undefined) throw new Error(`docs: no generator for block "${name}"`)
    return `<!-- generated:${name} -->\n${body}\n<!-- /generated:${name} -->`
  })
