import { list, str } from './api.ts'
import type { App } from './app.ts'
import { createKeyPanel } from './create-key.ts'
import { dialog, errorBox, field, h, replace, select } from './dom.ts'
import { t } from './i18n.ts'
import { cancelDeletion, disableKey, enableKey, scheduleDeletion } from './key-actions.ts'
import { keyTags, lastCallTime, loadKeys, type KeyRow } from './keys-data.ts'
import { editTagsDialog } from './tags-dialog.ts'
import { parseTagLines } from './validate.ts'

// The key management page (S-11): region selector, the "default keys" / "user master keys" tabs (S-1.5), the
// instance selector, filters, search, paging, the list with its row actions, and batch tags (S-3.6).

const PAGE_SIZE = 10

interface View { tab: 'default' | 'instance'; instance: string; state: string; spec: string; usage: string; search: string; page: number }

const view: View = { tab: 'instance', instance: '', state: '', spec: '', usage: '', search: '', page: 1 }

export const keysPage = async (app: App, root: HTMLElement): Promise<void> => {
  const status = h('div', { class: 'status' })
  replace(root, h('p', {}, t('loading')))
  let keys: KeyRow[]
  let region = ''
  let defaultInstance = ''
  try {
    const [regions, inst, loaded] = await Promise.all([app.call('DescribeRegions'), app.call('GetDefaultKmsInstance'), loadKeys(app)])
    region = list<{ RegionId: string }>(regions, 'Regions', 'Region')[0]?.RegionId ?? ''
    defaultInstance = str(inst['DefaultKmsInstanceId'] ?? '')
    keys = loaded
  } catch (err) { return replace(root, errorBox(err)) }

  const instances = [...new Set([defaultInstance, ...keys.map((k) => k.meta['DKMSInstanceId'] ?? '')].filter(Boolean))].sort()
  // The API lists no instances: the selector offers the default instance and those the keys name, and takes any id.
  if (!view.instance) view.instance = instances[0] ?? ''
  const again = () => void keysPage(app, root)
  const run = async (f: () => Promise<boolean>) => {
    try { if (await f()) again() } catch (err) { replace(status, errorBox(err)) }
  }

  const matches = (k: KeyRow) => {
    const m = k.meta
    const inTab = view.tab === 'default' ? !m['DKMSInstanceId'] : m['DKMSInstanceId'] === view.instance
    const q = view.search.trim().toLowerCase()
    return inTab && (!view.state || m['KeyState'] === view.state) && (!view.spec || m['KeySpec'] === view.spec) &&
      (!view.usage || m['KeyUsage'] === view.usage) &&
      (!q || [m['KeyId'], m['Description'], ...k.aliases].some((s) => (s ?? '').toLowerCase().includes(q)))
  }
  const shown = keys.filter(matches)
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE))
  view.page = Math.min(view.page, pages)
  const pageRows = shown.slice((view.page - 1) * PAGE_SIZE, view.page * PAGE_SIZE)
  const set = (patch: Partial<View>) => { Object.assign(view, { page: 1 }, patch); again() }

  const selected = new Set<string>()
  const tbody = h('tbody')
  for (const k of pageRows) tbody.appendChild(keyRow(app, k, selected, run))

  const specs = [...new Set(keys.map((k) => k.meta['KeySpec']!))].sort()
  const toolbar = h('div', { class: 'toolbar' },
    field(t('region'), select('region', [[region, region]], region)),
    view.tab === 'instance' ? field(t('instance'), h('span', {},
      h('input', { name: 'instance', list: 'instance-ids', value: view.instance, placeholder: 'kst-…', onchange: (e: Event) => set({ instance: (e.target as HTMLInputElement).value.trim() }) }),
      h('datalist', { id: 'instance-ids' }, ...instances.map((i) => h('option', { value: i }))))) : null,
    field(t('state'), select('state', [['', t('all')], ...['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport'].map((s) => [s, t(`state.${s}`)] as const)], view.state, (v) => set({ state: v }))),
    field(t('spec'), select('spec', [['', t('all')], ...specs.map((s) => [s, s] as const)], view.spec, (v) => set({ spec: v }))),
    field(t('usage'), select('usage', [['', t('all')], ['ENCRYPT/DECRYPT', 'ENCRYPT/DECRYPT'], ['SIGN/VERIFY', 'SIGN/VERIFY']], view.usage, (v) => set({ usage: v }))),
    field(t('search'), h('input', { name: 'search', type: 'search', value: view.search, placeholder: t('searchHint'),
      onchange: (e: Event) => set({ search: (e.target as HTMLInputElement).value }) })),
    h('button', { class: 'primary', 'data-test': 'create-key', onclick: () => void createKeyPanel(app, { instances, defaultInstance }).then((id) => { if (id) again() }) }, t('createKey')))

  const tabs = h('div', { class: 'tabs', role: 'tablist' },
    ...(['default', 'instance'] as const).map((tab) => h('button', { role: 'tab', 'aria-selected': String(view.tab === tab), 'data-tab': tab,
      onclick: () => set({ tab }) }, t(tab === 'default' ? 'tabDefaultKeys' : 'tabUserKeys'))))

  const batch = h('div', { class: 'batch' },
    h('button', { 'data-test': 'batch-add-tags', onclick: () => void run(() => batchTags(app, [...selected], 'add')) }, t('batchAddTags')),
    h('button', { 'data-test': 'batch-remove-tags', onclick: () => void run(() => batchTags(app, [...selected], 'remove')) }, t('batchRemoveTags')))

  const pager = h('div', { class: 'pager' },
    h('button', { 'data-test': 'prev-page', disabled: view.page <= 1, onclick: () => { view.page--; again() } }, '‹'),
    h('span', { 'data-test': 'page-info' }, t('pageOf', String(view.page), String(pages), String(shown.length))),
    h('button', { 'data-test': 'next-page', disabled: view.page >= pages, onclick: () => { view.page++; again() } }, '›'))

  replace(root, h('section', { class: 'keys-page' }, h('h1', {}, t('keyManagement')), tabs, toolbar, status,
    h('table', { class: 'keys' },
      h('thead', {}, h('tr', {}, h('th', {}, ''), ...['keyId', 'alias', 'spec', 'usage', 'state', 'protection', 'tags', 'lastCallTime', 'actions'].map((c) => h('th', {}, t(c))))),
      tbody),
    pageRows.length === 0 ? h('p', { class: 'empty' }, t('noKeys')) : null, batch, pager))

  // Tags and last call times only for the rows on screen (one call each), filled in as they arrive.
  for (const k of pageRows) void fillRow(app, tbody, k.meta['KeyId']!)
}

const keyRow = (app: App, k: KeyRow, selected: Set<string>, run: (f: () => Promise<boolean>) => Promise<void>): HTMLElement => {
  const m = k.meta
  const id = m['KeyId']!
  const state = m['KeyState']!
  const more = h('details', { class: 'more' }, h('summary', { 'data-test': 'more' }, '⋯'),
    state === 'PendingDeletion'
      ? h('button', { 'data-test': 'cancel-deletion', onclick: () => void run(() => cancelDeletion(app, id)) }, t('cancelDeletion'))
      : h('button', { 'data-test': 'schedule-deletion', onclick: () => void run(() => scheduleDeletion(app, id)) }, t('scheduleDeletion')))
  return h('tr', { 'data-key-id': id, 'data-state': state },
    h('td', {}, h('input', { type: 'checkbox', name: 'select', 'aria-label': id, onchange: (e: Event) => {
      if ((e.target as HTMLInputElement).checked) selected.add(id); else selected.delete(id)
    } })),
    h('td', {}, h('a', { href: `#/keys/${encodeURIComponent(id)}`, 'data-test': 'details' }, id)),
    h('td', { class: 'alias' }, k.aliases.join(', ')),
    h('td', {}, m['KeySpec']), h('td', {}, m['KeyUsage']),
    h('td', { class: 'state' }, t(`state.${state}`)), h('td', {}, m['ProtectionLevel']),
    h('td', { class: 'tags' }, h('button', { class: 'icon', 'data-test': 'edit-tags', title: t('editTags'), onclick: () => void run(async () => editTagsDialog(app, id, await keyTags(app, id))) }, t('edit')), h('span', { class: 'tag-list' })),
    h('td', { class: 'last-call' }, ''),
    h('td', { class: 'row-actions' },
      state === 'Enabled' ? h('button', { 'data-test': 'disable', onclick: () => void run(() => disableKey(app, id)) }, t('disable')) : null,
      state === 'Disabled' ? h('button', { 'data-test': 'enable', onclick: () => void run(() => enableKey(app, id)) }, t('enable')) : null,
      h('a', { href: `#/keys/${encodeURIComponent(id)}` }, t('details')), more))
}

const fillRow = async (app: App, tbody: HTMLElement, keyId: string): Promise<void> => {
  const row = tbody.querySelector(`tr[data-key-id="${CSS.escape(keyId)}"]`)
  if (!row) return
  try {
    const [tags, last] = await Promise.all([keyTags(app, keyId), lastCallTime(app, keyId)])
    replace(row.querySelector('.tag-list')!, tags.map((x) => x.TagValue ? `${x.TagKey}=${x.TagValue}` : x.TagKey).join(', '))
    replace(row.querySelector('.last-call')!, str(last['LastCallTime'] || '—'))
  } catch (err) { replace(row.querySelector('.last-call')!, errorBox(err)) }
}

/** S-3.6: add tags to every selected key, or unbind chosen tag keys from all of them. */
const batchTags = async (app: App, keyIds: string[], mode: 'add' | 'remove'): Promise<boolean> => {
  if (keyIds.length === 0) throw new Error(t('selectKeysFirst'))
  const text = h('textarea', { name: 'batchTags', rows: '4', placeholder: mode === 'add' ? 'env=prod' : 'env' })
  const r = await dialog(t(mode === 'add' ? 'batchAddTags' : 'batchRemoveTags'),
    h('div', {}, h('p', {}, t('batchTagsOn', String(keyIds.length))), field(t(mode === 'add' ? 'tagLines' : 'tagKeyLines'), text)),
    async () => {
      const tags = parseTagLines(text.value)
      for (const id of keyIds) {
        if (mode === 'add') await app.call('TagResource', { KeyId: id, Tags: JSON.stringify(tags) })
        else await app.call('UntagResource', { KeyId: id, TagKeys: JSON.stringify(tags.map((x) => x.TagKey)) })
      }
      return true
    })
  return r === true
}
