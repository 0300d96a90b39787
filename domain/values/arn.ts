// ARNs as the API writes them (API reference §5.1): acs:kms:<region>:<account>:key/<keyId> and …:alias/<name>.

export interface KeyArnParts { readonly region: string; readonly accountId: string; readonly keyId: string }

export const keyArn = (region: string, accountId: string, keyId: string): string => `acs:kms:${region}:${accountId}:key/${keyId}`

export const aliasArn = (region: string, accountId: string, alias: string): string => `acs:kms:${region}:${accountId}:${alias}`

export const parseKeyArn = (text: string): KeyArnParts | undefined => {
  const m = /^acs:kms:([a-z0-9-]+):([0-9]+):key\/(.+)$/.exec(text)
  return m ? { region: m[1]!, accountId: m[2]!, keyId: m[3]! } : undefined
}

export const parseAliasArn = (text: string): { region: string; accountId: string; alias: string } | undefined => {
  const m = /^acs:kms:([a-z0-9-]+):([0-9]+):(alias\/.+)$/.exec(text)
  return m ? { region: m[1]!, accountId: m[2]!, alias: m[3]! } : undefined
}
