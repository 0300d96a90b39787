import type { App } from './app.ts'
import { dialog, field, h, replace, select } from './dom.ts'
import { t } from './i18n.ts'
import { checkAlias, checkPrincipals, checkRotationDays, parseTagLines } from './validate.ts'

// The "create key" panel: every option of S-1.3 and S-2…S-5. One CreateKey call (then CreateAlias when an alias
// is given); what the API refuses is shown with its code, and the panel stays open.

type Kind = 'default' | 'software' | 'hardware' | 'external'

/** Specs per kind (S-2.2, S-2.3, S-2.4); the default key is a software key. */
const SPECS: Record<Kind, readonly string[]> = {
  default: ['Aliyun_AES_256', 'RSA_2048', 'RSA_3072', 'EC_P256', 'EC_P256K'],
  software: ['Aliyun_AES_256', 'RSA_2048', 'RSA_3072', 'EC_P256', 'EC_P256K'],
  hardware: ['Aliyun_AES_256', 'Aliyun_AES_192', 'Aliyun_AES_128', 'Aliyun_SM4', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256', 'EC_P256K', 'EC_SM2'],
  external: ['Aliyun_AES_256', 'Aliyun_SM4'],
}
const symmetric = (spec: string) => spec.startsWith('Aliyun_')
/** S-2.5: symmetric keys encrypt; asymmetric RSA and SM2 do either; EC keys only sign. */
const usages = (kind: Kind, spec: string): string[] =>
  kind === 'external' || symmetric(spec) ? ['ENCRYPT/DECRYPT'] : spec.startsWith('EC_P') ? ['SIGN/VERIFY'] : ['ENCRYPT/DECRYPT', 'SIGN/VERIFY']

/** S-5.2: administrators manage, users (and other-account users) use. */
const ADMIN_ACTIONS = ['kms:List*', 'kms:Describe*', 'kms:Create*', 'kms:Enable*', 'kms:Disable*', 'kms:Get*', 'kms:Set*', 'kms:Update*',
  'kms:Delete*', 'kms:Cancel*', 'kms:TagResource', 'kms:UntagResource', 'kms:ImportKeyMaterial', 'kms:ScheduleKeyDeletion']
const USER_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateAndExportDataKey', 'kms:AsymmetricEncrypt',
  'kms:AsymmetricDecrypt', 'kms:DescribeKey', 'kms:DescribeKeyVersion', 'kms:ListKeyVersions', 'kms:ListAliasesByKeyId', 'kms:TagResource']

export const customPolicy = (accountId: string, admins: string[], users: string[], others: string[]): string => JSON.stringify({
  Version: '1',
  Statement: [
    { Sid: 'Enable the root of the owning account', Effect: 'Allow', Principal: { RAM: [`acs:ram::${accountId}:*`] }, Action: ['kms:*'], Resource: ['*'] },
    ...(admins.length ? [{ Sid: 'Key administrators', Effect: 'Allow', Principal: { RAM: admins }, Action: ADMIN_ACTIONS, Resource: ['*'] }] : []),
    ...(users.length + others.length ? [{ Sid: 'Key users', Effect: 'Allow', Principal: { RAM: [...users, ...others] }, Action: USER_ACTIONS, Resource: ['*'] }] : []),
  ],
})

export const createKeyPanel = (app: App, o: { instances: string[]; defaultInstance: string }): Promise<string | undefined> => {
  const kind = select('kind', (['default', 'software', 'hardware', 'external'] as const).map((k) => [k, t(`kind.${k}`)] as const), o.defaultInstance ? 'software' : 'default')
  const instance = h('input', { name: 'instance', list: 'known-instances', value: o.defaultInstance })
  const known = h('datalist', { id: 'known-instances' }, ...o.instances.map((i) => h('option', { value: i })))
  const spec = select('spec', [])
  const usage = select('usage', [])
  const alias = h('input', { name: 'alias', placeholder: 'my-key' })
  const description = h('textarea', { name: 'description', rows: '2' })
  const tags = h('textarea', { name: 'tags', rows: '2', placeholder: 'env=prod' })
  const rotation = h('input', { type: 'checkbox', name: 'rotation', checked: true })
  const period = h('input', { name: 'rotationDays', type: 'number', min: '7', max: '365', value: '365' })
  const externalKeyId = h('input', { name: 'externalKeyId' })
  const policyMode = select('policy', [['default', t('policyDefault')], ['custom', t('policyCustom')]], 'default')
  const admins = h('textarea', { name: 'admins', rows: '2', placeholder: 'acs:ram::<uid>:user/alice' })
  const users = h('textarea', { name: 'users', rows: '2', placeholder: 'acs:ram::<uid>:role/app' })
  const others = h('textarea', { name: 'otherUsers', rows: '2', placeholder: 'acs:ram::<other uid>:user/bob' })
  const origin = select('origin', [['Aliyun_KMS', t('originKms')], ['EXTERNAL', t('originExternal')]], 'Aliyun_KMS')
  const ack = h('input', { type: 'checkbox', name: 'externalAck' })

  const instanceRow = field(t('instance'), h('span', {}, instance, known))
  const tagsRow = field(t('tags'), tags, t('tagsHint'))
  const rotationRows = h('div', {}, h('label', { class: 'switch' }, rotation, t('autoRotation')), field(t('rotationPeriod'), period, t('rotationHint')))
  const externalRow = field(t('externalKeyId'), externalKeyId, t('externalKeyIdHint'))
  const policyRows = h('div', { class: 'policy' }, field(t('administrators'), admins, t('administratorsHint')), field(t('users'), users, t('usersHint')),
    field(t('otherUsers'), others, t('otherUsersHint')))
  const originRows = h('div', {}, field(t('origin'), origin), h('label', { class: 'ack' }, ack, t('externalAck')))

  const refresh = () => {
    const k = kind.value as Kind
    const keepSpec = spec.value
    replace(spec, ...SPECS[k].map((s) => h('option', { value: s }, s)))
    if (SPECS[k].includes(keepSpec)) spec.value = keepSpec
    const keepUsage = usage.value
    replace(usage, ...usages(k, spec.value).map((u) => h('option', { value: u }, u)))
    if (usages(k, spec.value).includes(keepUsage)) usage.value = keepUsage
    instanceRow.hidden = k === 'default'
    tagsRow.hidden = k === 'default' // S-3.5
    originRows.hidden = k === 'external' || k === 'software' // S-1.3 default key, S-2.6 hardware
    // S-4.1 and the API: only symmetric keys whose material KMS makes rotate automatically.
    rotationRows.hidden = !symmetric(spec.value) || k === 'external' || (!originRows.hidden && origin.value === 'EXTERNAL')
    externalRow.hidden = k !== 'external'
    policyRows.hidden = policyMode.value !== 'custom'
    ack.parentElement!.hidden = origin.value !== 'EXTERNAL'
  }
  for (const c of [kind, spec, policyMode, origin]) c.addEventListener('change', refresh)
  refresh()

  const body = h('div', { class: 'create-key' },
    field(t('kind'), kind, t('kindHint')), instanceRow, field(t('spec'), spec), field(t('usage'), usage),
    field(t('alias'), alias, t('aliasHint')), field(t('description'), description), tagsRow, rotationRows, externalRow,
    field(t('policy'), policyMode), policyRows, originRows)

  return dialog(t('createKey'), body, async () => {
    const k = kind.value as Kind
    const aliasName = alias.value.trim() ? checkAlias(alias.value.trim()) : undefined
    const p: Record<string, string> = { KeySpec: spec.value, KeyUsage: usage.value }
    if (description.value) p['Description'] = description.value
    if (k !== 'default') p['DKMSInstanceId'] = instance.value.trim()
    if (k !== 'default' && tags.value.trim()) p['Tags'] = JSON.stringify(parseTagLines(tags.value))
    if (!rotationRows.hidden) {
      p['EnableAutomaticRotation'] = String(rotation.checked)
      if (rotation.checked) p['RotationInterval'] = checkRotationDays(period.value)
    }
    if (k === 'external') p['ExternalKeyId'] = externalKeyId.value.trim() // S-1.4: the key in the external manager
    else if (!originRows.hidden && origin.value === 'EXTERNAL') {
      if (!ack.checked) throw new Error(t('externalAckRequired'))
      p['Origin'] = 'EXTERNAL'
    }
    const policy = policyMode.value === 'custom'
      ? { admins: checkPrincipals(admins.value, t('administrators')), users: checkPrincipals(users.value, t('users')), others: checkPrincipals(others.value, t('otherUsers')) }
      : undefined
    const r = await app.call('CreateKey', p)
    const meta = r['KeyMetadata'] as Record<string, string>
    const keyId = String(meta['KeyId'])
    if (aliasName) await app.call('CreateAlias', { KeyId: keyId, AliasName: aliasName })
    // The custom policy keeps the owning account's root (read from the new key's ARN) beside the grants.
    if (policy) {
      const accountId = String(meta['Arn']).split(':')[3] ?? ''
      await app.call('SetKeyPolicy', { KeyId: keyId, PolicyName: 'default', Policy: customPolicy(accountId, policy.admins, policy.users, policy.others) })
    }
    return keyId
  }, t('create'))
}
