import { readFileSync } from 'node:fs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { API_OPERATIONS, OPERATIONS, wireParameters } from '../../domain/operations/catalogue.ts'
import { ACTION_GATES } from '../../domain/key/state-table.ts'
import { permissionOf } from '../../domain/policy/actions.ts'
import { DOC_PATH, withTable } from '../../scripts/docs/operations-table.ts'
import { actionHandlers, servedActions } from '../../adapters/http/actions/index.ts'

// The catalogue of operations (docs/architecture.md §11) is the one declaration of each action: the docs table,
// the permission table and the state table are read off it, and every served action has exactly one entry.

test('docs/http-api.md carries the catalogue\'s table as generated (run `npm run docs:operations` after a change)', () => {
  const doc = readFileSync(DOC_PATH, 'utf8')
  assert.fixture(doc, withTable(doc))
})

test('every action the HTTP layer serves is declared once in the catalogue, and every API operation is served', () => {
  const served = Object.keys(actionHandlers).sort()
  assert.equal(API_OPERATIONS.map((o) => o.name).sort(), served)
  assert.equal(Object.keys(servedActions()).sort(), served)
})

test('the permission and state tables are the catalogue\'s: a changed declaration changes both (API reference §5.2)', () => {
  for (const o of API_OPERATIONS) {
    assert.is(ACTION_GATES[o.name], o.gate, o.name)
    if (o.permission && 'action' in o.permission) assert.equal(permissionOf(o.name), o.permission, o.name)
    else assert.is(permissionOf(o.name), undefined, o.name)
  }
  assert.is(OPERATIONS.ReEncrypt.permission && 'source' in OPERATIONS.ReEncrypt.permission, true)
})

test('a wire schema names each parameter once; key operations take the parameter their key is found by', () => {
  for (const o of API_OPERATIONS) {
    const w = wireParameters(o)
    assert.is(new Set([...w.required, ...w.optional]).size, w.required.length + w.optional.length, o.name)
    if (o.key === 'KeyId' || o.key === 'KeyId or alias') assert.ok(w.required.includes('KeyId'), `${o.name} requires KeyId`)
    if (o.key === 'CiphertextBlob') assert.ok(w.required.includes('CiphertextBlob'), `${o.name} requires CiphertextBlob`)
  }
})

test.run()
