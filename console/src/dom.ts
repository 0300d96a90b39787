import { ApiError } from './api.ts'
import { t } from './i18n.ts'

// Small DOM helpers: elements are built with createElement and textContent only (never innerHTML), so nothing
// the API returns (aliases, tags, descriptions, audit details) can become markup (docs/console.md "XSS").

type Child = Node | string | number | null | undefined | false
type Props = Record<string, string | boolean | number | ((e: Event) => void) | undefined>

export const h = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value)
    else if (name === 'value' && 'value' in el) (el as HTMLInputElement).value = String(value)
    else if (name === 'checked' && el instanceof HTMLInputElement) el.checked = Boolean(value)
    else el.setAttribute(name, value === true ? '' : String(value))
  }
  append(el, ...children)
  return el
}

export const append = (el: Node, ...children: Child[]): void => {
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)))
}

export const replace = (el: Node, ...children: Child[]): void => {
  while (el.firstChild) el.removeChild(el.firstChild)
  append(el, ...children)
}

/** A refusal as the API gave it: code and message, never rewritten. */
export const errorBox = (err: unknown): HTMLElement => {
  const e = err instanceof ApiError ? err : new ApiError('ClientError', err instanceof Error ? err.message : String(err), 0)
  return h('div', { class: 'error', role: 'alert', 'data-code': e.code }, h('strong', {}, e.code), ': ', e.message)
}

/** A modal dialog; resolves with what `onOk` returns (undefined on cancel). `onOk` may throw to keep it open. */
export const dialog = <T>(title: string, body: HTMLElement, onOk: () => Promise<T> | T, okLabel = t('ok')): Promise<T | undefined> =>
  new Promise((resolve) => {
    const status = h('div', { class: 'dialog-status' })
    const close = (value: T | undefined) => { overlay.remove(); resolve(value) }
    const ok = h('button', { class: 'primary', 'data-test': 'dialog-ok', onclick: () => void (async () => {
      ok.disabled = true
      try { close(await onOk()) } catch (err) { replace(status, errorBox(err)); ok.disabled = false }
    })() }, okLabel)
    const overlay = h('div', { class: 'overlay' },
      h('div', { class: 'dialog', role: 'dialog', 'aria-label': title },
        h('h2', {}, title), body, status,
        h('div', { class: 'buttons' }, h('button', { 'data-test': 'dialog-cancel', onclick: () => close(undefined) }, t('cancel')), ok)))
    document.body.appendChild(overlay)
  })

/** A yes/no confirmation (the seed asks before disabling, protecting and scheduling deletion). */
export const confirm = async (title: string, text: string): Promise<boolean> =>
  (await dialog(title, h('p', {}, text), () => true)) === true

export const field = (label: string, control: HTMLElement, hint?: string): HTMLElement =>
  h('label', { class: 'field' }, h('span', {}, label), control, hint ? h('small', {}, hint) : null)

export const select = (name: string, options: readonly (readonly [string, string])[], value?: string, onchange?: (v: string) => void): HTMLSelectElement => {
  const s = h('select', { name, ...(onchange ? { onchange: () => onchange(s.value) } : {}) },
    ...options.map(([v, label]) => h('option', { value: v }, label)))
  if (value !== undefined) s.value = value
  return s
}

/** Saves text as a file through a Blob URL (no server round trip, nothing inline). */
export const download = (name: string, text: string, type: string): void => {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = h('a', { href: url, download: name })
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
