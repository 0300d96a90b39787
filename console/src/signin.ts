import { callApi } from './api.ts'
import { errorBox, field, h, replace } from './dom.ts'
import { t } from './i18n.ts'
import { saveCredentials, type Credentials } from './session.ts'

// Sign-in checks the access key with one signed call (DescribeRegions): a wrong id or secret shows the API's own
// refusal (InvalidAccessKeyId.NotFound, SignatureDoesNotMatch), and nothing is kept.

export const signInPage = (root: HTMLElement, signedIn: (c: Credentials) => void): void => {
  const id = h('input', { name: 'accessKeyId', autocomplete: 'username', required: true })
  const secret = h('input', { name: 'accessKeySecret', type: 'password', autocomplete: 'current-password', required: true })
  const status = h('div', { class: 'status' })
  const form = h('form', { class: 'signin', onsubmit: (e: Event) => void (async () => {
    e.preventDefault()
    const c = { accessKeyId: id.value.trim(), secret: secret.value }
    replace(status, t('signingIn'))
    try {
      await callApi(c, 'DescribeRegions')
      saveCredentials(c)
      signedIn(c)
    } catch (err) { replace(status, errorBox(err)) }
  })() },
  h('h1', {}, t('signInTitle')),
  h('p', {}, t('signInHint')),
  field(t('accessKeyId'), id), field(t('accessKeySecret'), secret),
  h('button', { class: 'primary', type: 'submit' }, t('signIn')), status)
  replace(root, form)
}
