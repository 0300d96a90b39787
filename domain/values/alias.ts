import * as t from 'io-ts'
import { refinedString } from './decode.ts'

// S-3.1 letters, digits, `_`, `-`, `/`; the API adds the `alias/` prefix, 1–255 characters after it, and
// reserves `alias/acs` for the cloud's own service keys (API reference §5.5).
const ALIAS = /^alias\/[A-Za-z0-9_/-]{1,255}$/

export interface AliasNameBrand { readonly AliasName: unique symbol }
export const AliasName = refinedString<AliasNameBrand, 'AliasName'>(
  'AliasName',
  (s) => ALIAS.test(s) && !s.startsWith('alias/acs'),
  'S-3.1: an alias is alias/ followed by 1 to 255 letters, digits, _, - or /, and must not begin with alias/acs'
)
export type AliasName = t.TypeOf<typeof AliasName>

/** S-1.1: the alias of a cloud service's key, `alias/acs/<service>`: made only with the service key, never by users. */
const SERVICE_KEY_ALIAS = /^alias\/acs\/[a-z][a-z0-9-]{1,31}$/

/** What a KeyId parameter may name as an alias: one users can create, or a service key's. */
export const isAliasReference = (s: string): boolean => AliasName.is(s) || SERVICE_KEY_ALIAS.test(s)
