import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { encryptionContext, tagKeys, tags } from '../../../../adapters/http/wire/structured.ts'
import { toApiRequest } from '../../../../adapters/http/wire/request.ts'
import { optionalBoolean, paging, repeatList } from '../../../../adapters/http/wire/fields.ts'
import type { Params } from '../../../../adapters/http/wire/params.ts'

// The wire forms of both SDK generations decode to the same values (API reference §2, §6.2, §6.4).

const params = (query: string, body = '', contentType = 'application/x-www-form-urlencoded'): Params => {
  const r = toApiRequest('POST', `/?${query}`, { 'content-type': contentType }, Buffer.from(body))
  if (E.isLeft(r)) throw new Error(`${r.left.code}: ${r.left.message}`)
  return r.right.params
}
const refusal = (query: string, body = '', contentType = 'application/x-www-form-urlencoded'): string => {
  const r = toApiRequest('POST', `/?${query}`, { 'content-type': contentType }, Buffer.from(body))
  return E.isLeft(r) ? r.left.code : 'accepted'
}
const code = <A>(d: E.Either<{ code: string; message: string }, A>): string => (E.isLeft(d) ? `${d.left.code} ${d.left.message}` : 'accepted')
const value = <A>(d: E.Either<{ code: string; message: string }, A>): A => {
  if (E.isLeft(d)) throw new Error(`${d.left.code}: ${d.left.message}`)
  return d.right
}

test('query and form body are merged; + is a space; %20 too', () => {
  const p = params('Action=X&A=a+b', 'B=c%20d&C=%E4%BD%A0')
  assert.is(p.get('A'), 'a b')
  assert.is(p.get('B'), 'c d')
  assert.is(p.get('C'), '你')
})

test('a name given twice (in the query, or in query and body) is refused', () => {
  assert.is(refusal('A=1&A=2'), 'InvalidParameter')
  assert.is(refusal('A=1', 'A=2'), 'InvalidParameter')
})

test('malformed percent-encoding, bad UTF-8 and raw bytes are refused as ParseRequestParameterException', () => {
  assert.is(refusal('A=%ZZ'), 'ParseRequestParameterException')
  assert.is(refusal('A=%C3%28'), 'ParseRequestParameterException')
  assert.is(refusal('A=\u00e9'), 'ParseRequestParameterException')
  assert.is(refusal('', 'A=\xff'.replace('\xff', '%FF')), 'ParseRequestParameterException')
  const badUtf8 = toApiRequest('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from([0x41, 0x3d, 0xff]))
  assert.ok(E.isLeft(badUtf8) && badUtf8.left.code === 'ParseRequestParameterException')
})

test('a body that is not a form is refused', () => {
  assert.is(refusal('A=1', '{"a":1}', 'application/json'), 'ParseRequestParameterException')
})

test('EncryptionContext as JSON (3.x) and flattened (npm 1.2.0) decode to the same map', () => {
  const json = value(encryptionContext(params(`EncryptionContext=${encodeURIComponent('{"Example":"Example","a b":"c*d"}')}`)))
  const flat = value(encryptionContext(params('EncryptionContext.Example=Example&EncryptionContext.a%20b=c*d')))
  assert.equal(json, { Example: 'Example', 'a b': 'c*d' })
  assert.equal(flat, json)
})

test('EncryptionContext: not an object of strings, both forms, or too long is InvalidParameter naming it', () => {
  for (const bad of ['[1]', '{"a":1}', '{"a":{"b":"c"}}', 'nope'])
    assert.match(code(encryptionContext(params(`EncryptionContext=${encodeURIComponent(bad)}`))), /^InvalidParameter .*EncryptionContext/)
  assert.match(code(encryptionContext(params('EncryptionContext=%7B%7D&EncryptionContext.a=b'))), /^InvalidParameter/)
  assert.match(code(encryptionContext(params(`EncryptionContext.a=${'x'.repeat(8200)}`))), /^InvalidParameter/)
})

test('Tags as a JSON array, as Tag.N.Key/Value (TagResources) and as Tag.N.TagKey/TagValue are the same tags', () => {
  const expected = [{ TagKey: 'env', TagValue: 'prod' }, { TagKey: 'team', TagValue: 'a b' }]
  assert.equal(value(tags(params(`Tags=${encodeURIComponent(JSON.stringify(expected))}`))), expected)
  assert.equal(value(tags(params('Tag.1.Key=env&Tag.1.Value=prod&Tag.2.Key=team&Tag.2.Value=a%20b'))), expected)
  assert.equal(value(tags(params('Tag.1.TagKey=env&Tag.1.TagValue=prod&Tag.2.TagKey=team&Tag.2.TagValue=a%20b'))), expected)
})

test('S-3.2/S-3.3/S-3.4 tag rules are enforced at the boundary with the field named', () => {
  const t = (list: unknown) => code(tags(params(`Tags=${encodeURIComponent(JSON.stringify(list))}`)))
  assert.match(t([{ TagKey: 'aliyun-x', TagValue: 'v' }]), /InvalidParameter .*S-3.3/)
  assert.match(t([{ TagKey: 'acs:x', TagValue: 'v' }]), /InvalidParameter/)
  assert.match(t([{ TagKey: 'k'.repeat(129), TagValue: 'v' }]), /InvalidParameter .*S-3.2/)
  assert.match(t([{ TagKey: 'k', TagValue: 'v'.repeat(129) }]), /InvalidParameter .*S-3.2/)
  assert.match(t([{ TagKey: 'k#', TagValue: 'v' }]), /InvalidParameter/)
  assert.match(t(Array.from({ length: 21 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' }))), /InvalidParameter .*S-3.4/)
  assert.is(t([{ TagKey: 'a/b\\c_d-e.f+g=h:i@j k', TagValue: '' }]), 'accepted')
  assert.match(code(tags(params('Tag.1.Key=a&Tag.3.Key=b'))), /InvalidParameter .*Tag/)
  assert.match(code(tags(params('Tags=%5B%5D&Tag.1.Key=a'))), /InvalidParameter .*Tags/)
})

test('TagKeys as a JSON array, a comma list or TagKey.N', () => {
  assert.equal(value(tagKeys(params(`TagKeys=${encodeURIComponent('["a","b"]')}`))), ['a', 'b'])
  assert.equal(value(tagKeys(params('TagKeys=a,b'))), ['a', 'b'])
  assert.equal(value(tagKeys(params('TagKey.1=a&TagKey.2=b'))), ['a', 'b'])
  assert.match(code(tagKeys(params('TagKeys=%5B1%5D'))), /InvalidParameter .*TagKeys/)
})

test('booleans, paging and repeat lists name the bad field', () => {
  assert.is(value(optionalBoolean(params('X=true'), 'X')), true)
  assert.match(code(optionalBoolean(params('X=yes'), 'X')), /InvalidParameter .*"X"/)
  assert.equal(value(paging(params(''))), { pageNumber: 1, pageSize: 10 })
  assert.match(code(paging(params('PageSize=101'))), /"PageSize"/)
  assert.match(code(paging(params('PageNumber=0'))), /"PageNumber"/)
  assert.match(code(paging(params('PageNumber=-1'))), /"PageNumber"/)
  assert.equal(value(repeatList(params('ResourceId.1=a&ResourceId.2=b'), 'ResourceId', 50)), ['a', 'b'])
  assert.match(code(repeatList(params('ResourceId.2=b'), 'ResourceId', 50)), /InvalidParameter/)
  assert.match(code(repeatList(params('ResourceId.x=b'), 'ResourceId', 50)), /InvalidParameter/)
})

test.run()
