import { callApi, type Reply } from './api.ts'
import type { Credentials } from './session.ts'

// What every page gets: the signed call, and navigation (hash routes: #/keys, #/keys/<id>, #/compliance).

export interface App {
  readonly credentials: Credentials
  call(action: string, params?: Record<string, string>): Promise<Reply>
  go(route: string): void
  /** Re-renders the current page (after a language switch). */
  refresh(): void
}

export const makeApp = (credentials: Credentials, refresh: () => void): App => ({
  credentials,
  call: (action, params = {}) => callApi(credentials, action, params),
  go: (route) => { location.hash = route },
  refresh,
})
