// The signed-in access key, in this tab's sessionStorage only (docs/console.md): gone when the tab closes, never
// in localStorage, a cookie or a URL, never sent (only signatures made with it are).

export interface Credentials { readonly accessKeyId: string; readonly secret: string }

const KEY = 'keyledger.credentials'

export const loadCredentials = (): Credentials | undefined => {
  const raw = sessionStorage.getItem(KEY)
  if (!raw) return undefined
  try {
    const c = JSON.parse(raw) as Partial<Credentials>
    return typeof c.accessKeyId === 'string' && typeof c.secret === 'string' ? { accessKeyId: c.accessKeyId, secret: c.secret } : undefined
  } catch { return undefined }
}

export const saveCredentials = (c: Credentials): void => sessionStorage.setItem(KEY, JSON.stringify(c))
export const clearCredentials = (): void => sessionStorage.removeItem(KEY)
