import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, posix, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'uvu'
import * as assert from 'uvu/assert'

// The layering of docs/architecture.md §2, read off the source: every relative import (static or dynamic) of
// every module, checked against the rules below. A new import that breaks a rule fails here with its file.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

const sources = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((name) => {
    const p = posix.join(dir, name)
    if (statSync(join(root, p)).isDirectory()) return sources(p)
    return p.endsWith('.ts') ? [p] : []
  })

/** `from '…'`, `import '…'` and `import('…')`, resolved against the importing file; packages are left out. */
const importsOf = (file: string): string[] => {
  const text = readFileSync(join(root, file), 'utf8')
  const out: string[] = []
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g))
    out.push(posix.normalize(posix.join(posix.dirname(file), m[1]!)))
  return out
}

const code = ['domain', 'application', 'projections', 'adapters', 'composition'].flatMap(sources)
const edges = code.flatMap((file) => importsOf(file).map((target) => ({ file, target })))
const under = (path: string, ...folders: string[]) => folders.some((f) => path === f || path.startsWith(`${f}/`))

/** Edges from `from` folders into `into` folders (an `except` folder of the importer is allowed). */
const crossing = (from: string[], into: string[], except: string[] = []) =>
  edges.filter((e) => under(e.file, ...from) && under(e.target, ...into) && !under(e.file, ...except)).map((e) => `${e.file} → ${e.target}`)

test('the domain is pure: it imports only the domain (docs/architecture.md §2)', () => {
  assert.equal(edges.filter((e) => under(e.file, 'domain') && !under(e.target, 'domain')).map((e) => `${e.file} → ${e.target}`), [])
})

test('the domain does no I/O: of Node\'s own modules it uses only hashing (node:crypto) and address parsing (node:net\'s BlockList, isIP)', () => {
  const node = code.filter((f) => under(f, 'domain')).flatMap((file) =>
    [...readFileSync(join(root, file), 'utf8').matchAll(/import\s*(?:type\s*)?\{?([^'"]*?)\}?\s*from\s*['"](node:[^'"]+)['"]/g)]
      .map((m) => ({ file, module: m[2]!, names: m[1]!.split(',').map((n) => n.trim()).filter(Boolean) })))
  assert.equal(node.filter((i) => i.module !== 'node:crypto' && i.module !== 'node:net').map((i) => `${i.file} → ${i.module}`), [])
  assert.equal(node.filter((i) => i.module === 'node:net' && i.names.some((n) => n !== 'BlockList' && n !== 'isIP')).map((i) => `${i.file} → ${i.names.join(', ')}`), [])
})

test('the application layer imports only the domain and the projections\' pure folds, never an adapter or the composition root', () => {
  assert.equal(crossing(['application'], ['adapters', 'composition']), [])
})

test('projections import only the domain', () => {
  assert.equal(edges.filter((e) => under(e.file, 'projections') && !under(e.target, 'domain', 'projections')).map((e) => `${e.file} → ${e.target}`), [])
})

test('the crypto executors know nothing of the store, the vault\'s implementations, the scheduler, the usage recorder or the read store', () => {
  assert.equal(crossing(['adapters/crypto'], [
    'adapters/store', 'adapters/vault', 'adapters/scheduler', 'adapters/usage', 'adapters/readstore', 'composition', 'application',
  ]), [])
})

test('only the CLI (the process entry points) reaches into the composition root', () => {
  assert.equal(crossing(['adapters'], ['composition'], ['adapters/cli']), [])
})

test('no HTTP module authorizes: the wire layer never imports domain/policy nor asks for a decision; it hands the request to the application', () => {
  assert.equal(crossing(['adapters/http'], ['domain/policy']), [])
  const authorizing = sources('adapters/http').filter((f) => /\.(admit|checkKey|checkGoneOwnKey|keyAuthorizer|settled|decideKey|decideAccount|unseen)\(/.test(readFileSync(join(root, f), 'utf8')))
  assert.equal(authorizing, [])
})

test('every CLI command opens its stores through the composition root (composition/event-store.ts, stores.ts, data-dir.ts)', () => {
  const opening = sources('adapters/cli').filter((f) =>
    /\b(SqliteEventStore|SqliteReadStore|SqliteAccessKeyStore|SqliteKeyVault|EsdbKeyVault)\.open\(|openEsdbEventStore\(|loadDataDirRootKey\(|KMS_DATA_DIR'\] \?\?/.test(readFileSync(join(root, f), 'utf8')))
  assert.equal(opening, [])
})

test('every port is declared in domain/ports: no adapter folder declares an interface the application implements against', () => {
  // The application's imports from the domain reach ports only through domain/ports.
  const portLike = edges.filter((e) => under(e.file, 'application') && /\/(ports?|port)\.ts$/.test(e.target) && !under(e.target, 'domain/ports'))
  assert.equal(portLike.map((e) => `${e.file} → ${e.target}`), [])
})

test('the rules read real imports (the scan is not empty)', () => {
  assert.ok(edges.length > 300, `${edges.length} imports`)
  assert.ok(edges.some((e) => e.file.startsWith('adapters/http/') && e.target.startsWith('application/')), 'HTTP calls the application layer')
  assert.ok(relative(root, join(root, 'domain')) === 'domain')
})

test.run()
