import type { App } from './app.ts'
import { confirm, dialog, field, h } from './dom.ts'
import { t } from './i18n.ts'
import { checkPendingWindow } from './validate.ts'

// The row actions of S-11, shared by the list and the details page. Confirmation before disabling and before
// scheduling deletion (S-11); enabling and cancelling need none. Each resolves true when the API accepted.

export const enableKey = async (app: App, keyId: string): Promise<boolean> => {
  await app.call('EnableKey', { KeyId: keyId })
  return true
}

export const disableKey = async (app: App, keyId: string): Promise<boolean> => {
  if (!await confirm(t('disableKey'), t('confirmDisable', keyId))) return false
  await app.call('DisableKey', { KeyId: keyId })
  return true
}

export const scheduleDeletion = async (app: App, keyId: string): Promise<boolean> => {
  const days = h('input', { name: 'pendingWindow', type: 'number', min: '7', max: '366', value: '7' })
  const done = await dialog(t('scheduleDeletion'),
    h('div', {}, h('p', { class: 'warning' }, t('confirmSchedule', keyId)), field(t('pendingWindow'), days, t('pendingWindowHint'))),
    async () => { await app.call('ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: checkPendingWindow(days.value) }); return true },
    t('scheduleDeletion'))
  return done === true
}

export const cancelDeletion = async (app: App, keyId: string): Promise<boolean> => {
  await app.call('CancelKeyDeletion', { KeyId: keyId })
  return true
}
