import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { rowAad, unwrap, wrap } from '../../../adapters/vault/wrap.ts'

// The vault's wrapping (adapters/vault/wrap.ts, docs/architecture.md §5): AES-256-GCM under the root key, the AAD
// naming the row's place. Data outlives code: a row written by an earlier release must still unwrap, so the AAD's
// bytes are pinned by a known answer (root key 0x11…, IV 0x22…, computed once with Node's crypto, as a reader can
// with `openssl`), not only by a round trip a changed AAD would also pass.

const ROOT = Buffer.alloc(32, 0x11)
const STORED = {
  iv: Buffer.alloc(12, 0x22),
  ciphertext: Buffer.from('7a96732cb2a6fe33c550b81c3cce8cf574f6b4ce4ab29e6b30367e8d7ac04422', 'hex'),
  tag: Buffer.from('13e633c543f95b1343105404c519a869', 'hex'),
}
const PLACE = ['material', 'key-abcdefgh12345678', 'v1', 'secret'] as const

test('given a row stored with AAD "keyledger-vault/v1\\0material\\0<key>\\0<version>\\0<kind>", when unwrapped at that place, then the material comes back', () => {
  assert.is(unwrap(ROOT, STORED, rowAad(...PLACE))?.toString(), 'material of the key, 32 bytes!!!')
  assert.is(rowAad(...PLACE).toString('latin1'), 'keyledger-vault/v1\0material\0key-abcdefgh12345678\0v1\0secret')
})

test('a row unwraps only at its own place: another key, version or kind, or parts that only join to the same text, is refused', () => {
  const w = wrap(ROOT, Buffer.from('m'), rowAad('material', 'key-a', 'v1', 'secret'))
  assert.is(unwrap(ROOT, w, rowAad('material', 'key-a', 'v1', 'secret'))?.toString(), 'm')
  assert.is(unwrap(ROOT, w, rowAad('material', 'key-b', 'v1', 'secret')), undefined)
  assert.is(unwrap(ROOT, w, rowAad('material', 'key-a', 'v2', 'secret')), undefined)
  // without a separator, ('key-a', 'v1') and ('key-av', '1') would be the same AAD
  assert.is(unwrap(ROOT, w, rowAad('material', 'key-av', '1', 'secret')), undefined)
  assert.is(unwrap(Buffer.alloc(32, 0x12), w, rowAad('material', 'key-a', 'v1', 'secret')), undefined)
})

test.run()
