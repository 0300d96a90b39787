import type { App } from './app.ts'
import { dialog, h } from './dom.ts'
import { t } from './i18n.ts'
import { checkTag, type Tag } from './validate.ts'

// The tag editing dialog of S-3.6 / S-11: bind new tags, change values, unbind several, in one confirm. Changes
// become one TagResource (new and changed pairs) and one UntagResource (the unbound keys).

export const editTagsDialog = async (app: App, keyId: string, current: readonly Tag[]): Promise<boolean> => {
  const rows = h('div', { class: 'tag-rows' })
  const addRow = (tag?: Tag) => {
    const key = h('input', { name: 'tagKey', value: tag?.TagKey ?? '', placeholder: t('tagKey'), ...(tag ? { readonly: true } : {}) })
    const value = h('input', { name: 'tagValue', value: tag?.TagValue ?? '', placeholder: t('tagValue') })
    const unbind = h('input', { type: 'checkbox', name: 'unbind' })
    rows.appendChild(h('div', { class: 'tag-row', 'data-tag-key': tag?.TagKey }, key, value,
      tag ? h('label', {}, unbind, t('unbind')) : null))
  }
  current.forEach((tag) => addRow(tag))
  addRow()
  const body = h('div', {}, rows, h('button', { type: 'button', 'data-test': 'add-tag-row', onclick: () => addRow() }, t('addTagRow')))
  const r = await dialog(t('editTags'), body, async () => {
    const bind: Tag[] = []
    const unbindKeys: string[] = []
    for (const row of Array.from(rows.children)) {
      const [k, v] = Array.from(row.querySelectorAll<HTMLInputElement>('input[name=tagKey], input[name=tagValue]'))
      const un = row.querySelector<HTMLInputElement>('input[name=unbind]')
      const key = k!.value.trim()
      if (!key) continue
      const old = current.find((c) => c.TagKey === key)
      if (un?.checked) unbindKeys.push(key)
      else if (!old || old.TagValue !== v!.value.trim()) bind.push(checkTag({ TagKey: key, TagValue: v!.value.trim() }))
    }
    if (bind.length) await app.call('TagResource', { KeyId: keyId, Tags: JSON.stringify(bind) })
    if (unbindKeys.length) await app.call('UntagResource', { KeyId: keyId, TagKeys: JSON.stringify(unbindKeys) })
    return true
  })
  return r === true
}
