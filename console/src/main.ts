import { makeApp, type App } from './app.ts'
import { compliancePage } from './compliance-page.ts'
import { detailsPage } from './details-page.ts'
import { h, replace } from './dom.ts'
import { getLanguage, setLanguage, t, type Language } from './i18n.ts'
import { keysPage } from './keys-page.ts'
import { clearCredentials, loadCredentials, type Credentials } from './session.ts'
import { signInPage } from './signin.ts'

// The console's entry: sign-in until the tab holds credentials, then hash routes (#/keys, #/keys/<id>,
// #/compliance) under a header with the language switch and sign-out. Loaded as an external module script.

const root = document.getElementById('app')!

const header = (app: App | undefined): HTMLElement => {
  const lang = h('select', { name: 'language', 'aria-label': 'Language', onchange: () => { setLanguage(lang.value as Language); render() } },
    h('option', { value: 'en' }, 'English'), h('option', { value: 'zh-CN' }, '简体中文'))
  lang.value = getLanguage()
  return h('header', {}, h('strong', { class: 'brand' }, 'keyledger'),
    app ? h('nav', {}, h('a', { href: '#/keys' }, t('keyManagement')), h('a', { href: '#/compliance' }, t('compliance'))) : null,
    h('span', { class: 'spacer' }), lang,
    app ? h('span', { class: 'who' }, app.credentials.accessKeyId) : null,
    app ? h('button', { 'data-test': 'sign-out', onclick: () => { clearCredentials(); render() } }, t('signOut')) : null)
}

const render = (): void => {
  for (const open of Array.from(document.querySelectorAll('.overlay'))) open.remove() // leaving a page closes its dialogs
  document.documentElement.lang = getLanguage()
  document.title = `keyledger · ${t('console')}`
  const credentials: Credentials | undefined = loadCredentials()
  const main = h('main')
  if (!credentials) {
    replace(root, header(undefined), main)
    return signInPage(main, () => { if (!location.hash) location.hash = '#/keys'; render() })
  }
  const app = makeApp(credentials, render)
  replace(root, header(app), main)
  const route = location.hash.replace(/^#/, '') || '/keys'
  const details = /^\/keys\/(.+)$/.exec(route)
  if (details) void detailsPage(app, main, decodeURIComponent(details[1]!))
  else if (route === '/compliance') compliancePage(app, main)
  else void keysPage(app, main)
}

window.addEventListener('hashchange', render)
render()
