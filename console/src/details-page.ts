import { list, str } from './api.ts'
import type { App } from './app.ts'
import { dialog, download, errorBox, field, h, replace } from './dom.ts'
import { loadHistory, outcomeOf, stateAt, type HistoryEvent } from './history.ts'
import { t } from './i18n.ts'
import { cancelDeletion, disableKey, enableKey, scheduleDeletion } from './key-actions.ts'
import { keyTags } from './keys-data.ts'
import { editTagsDialog } from './tags-dialog.ts'

// A key's details page (S-11): its metadata and actions, the deletion protection switch (S-7), and the tabs:
// versions with the public key (S-9), association detection (S-10), history (the audit timeline), tags (S-3.6).

type Tab = 'versions' | 'associations' | 'history'
let currentTab: Tab = 'versions'

export const detailsPage = async (app: App, root: HTMLElement, keyId: string): Promise<void> => {
  replace(root, h('p', {}, t('loading')))
  let meta: Record<string, string>
  let tags: { TagKey: string; TagValue: string }[]
  let aliases: string[]
  try {
    const [d, tg, al] = await Promise.all([
      app.call('DescribeKey', { KeyId: keyId }), keyTags(app, keyId), app.call('ListAliasesByKeyId', { KeyId: keyId, PageSize: '100' }),
    ])
    meta = d['KeyMetadata'] as Record<string, string>
    tags = tg
    aliases = list<{ AliasName: string }>(al, 'Aliases', 'Alias').map((a) => a.AliasName)
  } catch (err) { return replace(root, h('div', {}, h('a', { href: '#/keys' }, t('backToList')), errorBox(err))) }

  const status = h('div', { class: 'status' })
  const again = () => void detailsPage(app, root, keyId)
  const run = async (f: () => Promise<boolean>) => {
    try { if (await f()) again() } catch (err) { replace(status, errorBox(err)) }
  }
  const state = meta['KeyState']!
  const protectedNow = meta['DeletionProtection'] === 'Enabled'

  const protection = h('input', { type: 'checkbox', name: 'deletionProtection', checked: protectedNow, onchange: (e: Event) => {
    const box = e.target as HTMLInputElement
    box.checked = protectedNow // the switch moves only once the API has accepted
    void run(async () => {
      if (!protectedNow) {
        const text = h('input', { name: 'protectionDescription', placeholder: t('protectionDescriptionHint') })
        const ok = await dialog(t('enableProtection'), h('div', {}, h('p', {}, t('confirmProtect')), field(t('protectionDescription'), text)),
          async () => { await app.call('SetDeletionProtection', { KeyId: keyId, EnableDeletionProtection: 'true', DeletionProtectionDescription: text.value }); return true })
        return ok === true
      }
      await app.call('SetDeletionProtection', { KeyId: keyId, EnableDeletionProtection: 'false' })
      return true
    })
  } })

  const info = h('dl', { class: 'meta' }, ...([
    ['keyId', meta['KeyId']], ['alias', aliases.join(', ')], ['arn', meta['Arn']], ['state', t(`state.${state}`)],
    ['spec', meta['KeySpec']], ['usage', meta['KeyUsage']], ['protection', meta['ProtectionLevel']], ['instance', meta['DKMSInstanceId'] || t('defaultKey')],
    ['origin', meta['Origin']], ['autoRotation', meta['AutomaticRotation']], ['rotationPeriod', days(meta['RotationInterval'])],
    ['description', meta['Description']], ['created', meta['CreationDate']], ['deleteDate', meta['DeleteDate'] ?? ''],
    ['tags', tags.map((x) => `${x.TagKey}=${x.TagValue}`).join(', ')],
  ] as const).flatMap(([k, v]) => [h('dt', {}, t(k)), h('dd', { 'data-field': k }, v ?? '')]))

  const actions = h('div', { class: 'row-actions' },
    state === 'Enabled' ? h('button', { 'data-test': 'disable', onclick: () => void run(() => disableKey(app, keyId)) }, t('disable')) : null,
    state === 'Disabled' ? h('button', { 'data-test': 'enable', onclick: () => void run(() => enableKey(app, keyId)) }, t('enable')) : null,
    state === 'PendingDeletion'
      ? h('button', { 'data-test': 'cancel-deletion', onclick: () => void run(() => cancelDeletion(app, keyId)) }, t('cancelDeletion'))
      : h('button', { 'data-test': 'schedule-deletion', onclick: () => void run(() => scheduleDeletion(app, keyId)) }, t('scheduleDeletion')),
    h('button', { 'data-test': 'edit-tags', onclick: () => void run(() => editTagsDialog(app, keyId, tags)) }, t('editTags')))

  const panel = h('div', { class: 'tab-panel' })
  const show = (tab: Tab) => {
    currentTab = tab
    for (const b of Array.from(tabs.children)) b.setAttribute('aria-selected', String(b.getAttribute('data-tab') === tab))
    replace(panel, t('loading'))
    const render = tab === 'versions' ? versionsTab : tab === 'associations' ? associationsTab : historyTab
    render(app, meta).then((el) => replace(panel, el), (err: unknown) => replace(panel, errorBox(err)))
  }
  const tabs = h('div', { class: 'tabs', role: 'tablist' }, ...(['versions', 'associations', 'history'] as const).map((tab) =>
    h('button', { role: 'tab', 'data-tab': tab, onclick: () => show(tab) }, t(`tab.${tab}`))))

  replace(root, h('section', { class: 'details-page' },
    h('a', { href: '#/keys' }, t('backToList')), h('h1', {}, t('keyDetails'), ' ', h('code', {}, keyId)),
    status, actions, info,
    h('div', { class: 'protection' }, h('label', { class: 'switch' }, protection, t('deletionProtection')),
      h('p', { class: 'hint' }, t('deletionProtectionHint')),
      protectedNow && meta['DeletionProtectionDescription'] ? h('p', { 'data-field': 'protectionDescription' }, meta['DeletionProtectionDescription']) : null),
    tabs, panel))
  show(currentTab)
}

/** `7776000s` as the API answers it, in days as the create panel asked for it. */
const days = (interval: string | undefined): string => {
  const seconds = Number(/^(\d+)s$/.exec(interval ?? '')?.[1] ?? NaN)
  return Number.isFinite(seconds) ? String(Math.round((seconds / 86400) * 100) / 100) : ''
}

const asymmetric = (meta: Record<string, string>) => !meta['KeySpec']!.startsWith('Aliyun_')

const versionsTab = async (app: App, meta: Record<string, string>): Promise<HTMLElement> => {
  const keyId = meta['KeyId']!
  const r = await app.call('ListKeyVersions', { KeyId: keyId, PageSize: '100' })
  const versions = list<{ KeyVersionId: string; CreationDate: string }>(r, 'KeyVersions', 'KeyVersion')
  const pem = h('pre', { class: 'pem', 'data-test': 'public-key' })
  const publicKey = async (versionId: string) => String((await app.call('GetPublicKey', { KeyId: keyId, KeyVersionId: versionId }))['PublicKey'])
  const rows = versions.map((v) => h('tr', { 'data-version-id': v.KeyVersionId },
    h('td', {}, v.KeyVersionId), h('td', {}, v.CreationDate), h('td', {}, v.KeyVersionId === meta['PrimaryKeyVersion'] ? t('primary') : ''),
    h('td', {}, asymmetric(meta) ? h('span', {},
      h('button', { 'data-test': 'view-public-key', onclick: () => void publicKey(v.KeyVersionId).then((p) => replace(pem, p), (e: unknown) => replace(pem, errorBox(e))) }, t('viewPublicKey')),
      h('button', { 'data-test': 'download-public-key', onclick: () => void publicKey(v.KeyVersionId).then((p) => download(`${keyId}-${v.KeyVersionId}.pem`, p, 'application/x-pem-file'), (e: unknown) => replace(pem, errorBox(e))) }, t('downloadPublicKey')))
      : t('noPublicKey'))))
  return h('div', {}, h('table', {}, h('thead', {}, h('tr', {}, ...['versionId', 'created', '', 'publicKey'].map((c) => h('th', {}, c ? t(c) : '')))), h('tbody', {}, ...rows)), pem)
}

const associationsTab = async (app: App, meta: Record<string, string>): Promise<HTMLElement> => {
  const out = h('div', { 'data-test': 'associations' }, h('p', {}, t('associationsHint')))
  const detect = async () => {
    replace(out, t('detecting'))
    try {
      const r = await app.call('DescribeKeyAssociations', { KeyId: meta['KeyId']! })
      const products = list<{ Service: string; LastCallTime: string; Calls: number; Resources?: { Resource?: { Resource: string; LastCallTime: string; Calls: number }[] } }>(r, 'Products', 'Product')
      replace(out,
        h('p', { 'data-test': 'association-status' }, t('status'), ': ', t(`assoc.${String(r['Status'])}`), ' · ', t('lastCallTime'), ': ', str(r['LastCallTime'] || '—')),
        products.length === 0 ? h('p', {}, t('noAssociations')) : h('table', {},
          h('thead', {}, h('tr', {}, ...['product', 'resources', 'lastCallTime', 'calls'].map((c) => h('th', {}, t(c))))),
          h('tbody', {}, ...products.map((p) => h('tr', { 'data-service': p.Service },
            h('td', {}, p.Service || t('noService')),
            h('td', {}, (p.Resources?.Resource ?? []).map((x) => x.Resource).filter(Boolean).join(', ')),
            h('td', {}, p.LastCallTime || '—'), h('td', {}, String(p.Calls)))))))
    } catch (err) { replace(out, errorBox(err)) }
  }
  return h('div', {}, h('div', { class: 'buttons' },
    h('button', { class: 'primary', 'data-test': 'detect', onclick: () => void detect() }, t('detect')),
    h('button', { 'data-test': 'refresh-associations', onclick: () => void detect() }, t('refresh'))), out)
}

const historyTab = async (app: App, meta: Record<string, string>): Promise<HTMLElement> => {
  const events = await loadHistory(app, meta['KeyId']!)
  const external = meta['Origin'] === 'EXTERNAL'
  const at = h('div', { class: 'state-at', 'data-test': 'state-at' })
  const slider = h('input', { type: 'range', name: 'historySlider', min: '0', max: String(Math.max(0, events.length - 1)), value: String(Math.max(0, events.length - 1)) })
  const rows = events.map((e, i) => h('tr', { 'data-index': String(i), 'data-type': e.Type },
    h('td', {}, e.Time), h('td', {}, e.Type), h('td', {}, e.Principal), h('td', {}, e.SourceIp), h('td', { class: `outcome ${outcomeOf(e)}` }, outcomeOf(e) ? t(`outcome.${outcomeOf(e)}`) : ''), h('td', {}, e.Detail)))
  const showAt = () => {
    const i = Number(slider.value)
    const e: HistoryEvent | undefined = events[i]
    const s = stateAt(events, i, external)
    rows.forEach((r, j) => r.classList.toggle('future', j > i))
    replace(at, e ? h('span', {}, t('asOf'), ' ', h('time', {}, e.Time), ': ', t('state'), ' ', h('strong', { 'data-test': 'state-at-value' }, t(`state.${s.state}`)),
      ' · ', t('deletionProtection'), ' ', s.deletionProtection ? t('on') : t('off'),
      ' · ', t('tags'), ' ', [...s.tags].map(([k, v]) => `${k}=${v}`).join(', ') || '—') : t('noHistory'))
  }
  slider.addEventListener('input', showAt)
  showAt()
  return h('div', {}, field(t('timeSlider'), slider), at,
    h('table', { class: 'history' }, h('thead', {}, h('tr', {}, ...['time', 'event', 'who', 'from', 'outcome', 'detail'].map((c) => h('th', {}, t(c))))), h('tbody', {}, ...rows)))
}

