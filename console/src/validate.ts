import { ApiError } from './api.ts'

// The API's own rules for what the console checks before a call (domain/values/: alias.ts, tags.ts,
// rotation-interval.ts, pending-window.ts), with its code and message shape, so the form refuses exactly what the
// API would and says it the same way. The API still decides: anything it refuses is shown as it answered.

const invalid = (name: string, why: string) =>
  new ApiError('InvalidParameter', `The specified parameter "${name}" is not valid. ${why}`, 400)

const ALIAS = /^alias\/[A-Za-z0-9_/-]{1,255}$/
const TAG_TEXT = /^[A-Za-z0-9/\\_\-.+=:@ ]*$/
const RESERVED_TAG_KEY = /^(aliyun|acs:)/i
export const MAX_TAGS_PER_KEY = 20

/** `alias/` is added when missing, as the console's field shows only the name. */
export const checkAlias = (name: string): string => {
  const full = name.startsWith('alias/') ? name : `alias/${name}`
  if (!ALIAS.test(full) || full.startsWith('alias/acs'))
    throw invalid('AliasName', 'S-3.1: an alias is alias/ followed by 1 to 255 letters, digits, _, - or /, and must not begin with alias/acs')
  return full
}

export interface Tag { TagKey: string; TagValue: string }

export const checkTag = (tag: Tag): Tag => {
  if (tag.TagKey.length < 1 || tag.TagKey.length > 128 || !TAG_TEXT.test(tag.TagKey) || RESERVED_TAG_KEY.test(tag.TagKey))
    throw invalid('Tags', 'S-3.2/S-3.3: a tag key is 1 to 128 letters, digits, spaces or / \\ _ - . + = : @, and must not begin with aliyun or acs:')
  if (tag.TagValue.length > 128 || !TAG_TEXT.test(tag.TagValue))
    throw invalid('Tags', 'S-3.2: a tag value is at most 128 letters, digits, spaces or / \\ _ - . + = : @')
  return tag
}

/** `key=value` lines (blank lines skipped) into checked tags. */
export const parseTagLines = (text: string): Tag[] => {
  const tags = text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const at = line.indexOf('=')
    return checkTag(at < 0 ? { TagKey: line, TagValue: '' } : { TagKey: line.slice(0, at).trim(), TagValue: line.slice(at + 1).trim() })
  })
  if (tags.length > MAX_TAGS_PER_KEY) throw invalid('Tags', `S-3.4: at most ${MAX_TAGS_PER_KEY} tags per key`)
  return tags
}

export const checkRotationDays = (days: string): string => {
  const n = Number(days)
  if (!/^\d+$/.test(days) || n < 7 || n > 365) throw invalid('RotationInterval', 'S-4.2: the rotation period is 7 to 365 days')
  return `${n}d`
}

export const checkPendingWindow = (days: string): string => {
  const n = Number(days)
  if (!/^\d+$/.test(days) || n < 7 || n > 366)
    throw invalid('PendingWindowInDays', 'S-8.1: the pending window is a whole number of days from 7 to 366')
  return String(n)
}

/** RAM principals of the custom policy (S-5.2): acs:ram::<uid>:user/<name> or …:role/<name>. */
const PRINCIPAL = /^acs:ram::\d+:(user|role)\/[A-Za-z0-9._@-]+$/
export const checkPrincipals = (text: string, label: string): string[] => {
  const list = text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean)
  for (const p of list) if (!PRINCIPAL.test(p)) throw invalid('Policy', `S-5.2: ${label}: "${p}" is not acs:ram::<userId>:user/<name> or acs:ram::<userId>:role/<name>`)
  return list
}
