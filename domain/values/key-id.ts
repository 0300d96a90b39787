import * as t from 'io-ts'
import { refinedString } from './decode.ts'

// Instance keys look like `key-hzz62f1cb66fa42qo****`, default (classic) keys are UUIDs (API reference §5.1).
const INSTANCE_KEY_ID = /^key-[a-z0-9]{8,64}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export interface KeyIdBrand { readonly KeyId: unique symbol }
export const KeyId = refinedString<KeyIdBrand, 'KeyId'>(
  'KeyId',
  (s) => INSTANCE_KEY_ID.test(s) || UUID.test(s),
  'a key id is key-<8 to 64 lowercase letters or digits> or a UUID'
)
export type KeyId = t.TypeOf<typeof KeyId>

export interface KeyVersionIdBrand { readonly KeyVersionId: unique symbol }
export const KeyVersionId = refinedString<KeyVersionIdBrand, 'KeyVersionId'>(
  'KeyVersionId',
  (s) => UUID.test(s),
  'a key version id is a UUID'
)
export type KeyVersionId = t.TypeOf<typeof KeyVersionId>

export const isUuid = (s: string): boolean => UUID.test(s)
