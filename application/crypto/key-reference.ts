import { parseAliasArn, parseKeyArn } from '../../domain/values/arn.ts'

/** What a KeyId parameter names: a key id, an alias (`alias/…`) or an ARN of either (API reference §5.1). */
export type KeyReference =
  | { readonly type: 'key'; readonly keyId: string; readonly arn?: { readonly accountId: string; readonly region: string } }
  | { readonly type: 'alias'; readonly accountId: string; readonly region: string; readonly alias: string }

export const parseKeyReference = (text: string, accountId: string, region: string): KeyReference => {
  if (text.startsWith('alias/')) return { type: 'alias', accountId, region, alias: text }
  const keyArn = parseKeyArn(text)
  if (keyArn) return { type: 'key', keyId: keyArn.keyId, arn: { accountId: keyArn.accountId, region: keyArn.region } }
  const aliasArn = parseAliasArn(text)
  if (aliasArn) return { type: 'alias', accountId: aliasArn.accountId, region: aliasArn.region, alias: aliasArn.alias }
  return { type: 'key', keyId: text }
}
