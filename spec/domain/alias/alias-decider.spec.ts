import { test } from 'uvu'
import { aliasDecider, type AliasEvent } from '../../../domain/alias/alias.ts'
import { deciderSpec } from '../../support/decider-spec.ts'

// The alias registry (API reference §5.5, S-3.1) through the decider harness.

const spec = deciderSpec(aliasDecider)
const where = { accountId: '1234567890123456', region: 'cn-hangzhou' }
const alias = 'alias/app'
const created: AliasEvent = { type: 'AliasCreated', data: { alias, keyId: 'key-a', ...where } }

test('§5.5 CreateAlias: a new name is created and names its key', () => {
  spec.given().when({ type: 'CreateAlias', alias, keyId: 'key-a', ...where }).then(created)
})

test('§5.5 CreateAlias: a name already taken in the account and region is AliasAlreadyExists', () => {
  spec.given(created).when({ type: 'CreateAlias', alias, keyId: 'key-b', ...where }).thenRefused('AliasAlreadyExists', 400)
})

test('§5.5 CreateAlias: a deleted name can be taken again', () => {
  spec.given(created, { type: 'AliasDeleted', data: { alias, keyId: 'key-a', ...where } })
    .when({ type: 'CreateAlias', alias, keyId: 'key-b', ...where })
    .then({ type: 'AliasCreated', data: { alias, keyId: 'key-b', ...where } })
})

test('§5.5 UpdateAlias: retargets, naming the key it leaves; to the same key it changes nothing', () => {
  spec.given(created).when({ type: 'UpdateAlias', alias, keyId: 'key-b', ...where })
    .then({ type: 'AliasRetargeted', data: { alias, keyId: 'key-b', previousKeyId: 'key-a', ...where } })
  spec.given(created).when({ type: 'UpdateAlias', alias, keyId: 'key-a', ...where }).thenNothing()
})

test('§5.5 UpdateAlias and DeleteAlias of a name that does not exist: Forbidden.AliasNotFound', () => {
  spec.given().when({ type: 'UpdateAlias', alias, keyId: 'key-b', ...where }).thenRefused('Forbidden.AliasNotFound', 404)
  spec.given().when({ type: 'DeleteAlias', alias, ...where }).thenRefused('Forbidden.AliasNotFound', 404)
})

test('S-8.1 release of a deleted key\'s aliases: only while the alias still names that key', () => {
  spec.given(created).when({ type: 'DeleteAlias', alias, ...where, onlyIfKeyId: 'key-a' })
    .then({ type: 'AliasDeleted', data: { alias, keyId: 'key-a', ...where } })
  spec.given(created, { type: 'AliasRetargeted', data: { alias, keyId: 'key-b', previousKeyId: 'key-a', ...where } })
    .when({ type: 'DeleteAlias', alias, ...where, onlyIfKeyId: 'key-a' }).thenNothing()
})

test.run()
