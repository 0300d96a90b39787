import { en } from './i18n/en.ts'
import { zhCN } from './i18n/zh-cn.ts'

// English and Simplified Chinese (the seed's language). The choice is kept in localStorage (it is not a secret);
// `{0}`, `{1}` in a text take the arguments. A key missing from a dictionary shows itself (a spec checks both
// dictionaries have the same keys).

export type Language = 'en' | 'zh-CN'
const DICTIONARIES: Record<Language, Record<string, string>> = { en, 'zh-CN': zhCN }
const STORE = 'keyledger.language'

export const getLanguage = (): Language => {
  const saved = localStorage.getItem(STORE)
  if (saved === 'en' || saved === 'zh-CN') return saved
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

export const setLanguage = (l: Language): void => localStorage.setItem(STORE, l)

export const t = (key: string, ...args: string[]): string =>
  (DICTIONARIES[getLanguage()][key] ?? key).replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? '')
