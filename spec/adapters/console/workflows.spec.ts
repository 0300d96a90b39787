import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createPublicKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { ACCOUNT, consoleTest, EXT, EXTERNAL_KEY_ID, HSM, KEY, signIn, SOFT, startConsoleWorld, type ConsoleWorld } from '../../support/console-world.ts'

// The console's workflows (issue 16 item 3, S-11) in real Chromium against a real `keyledger serve`: every step
// is clicks and typing in the page, and every outcome is checked both on screen and through the API.

let world: ConsoleWorld
test.before(async () => { world = await startConsoleWorld() })
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when test.before failed before assigning it
test.after(async () => { await world?.close() })
const step = consoleTest(() => world)

const meta = async (keyId: string) => (await world.api({ Action: 'DescribeKey', KeyId: keyId }))['KeyMetadata'] as Record<string, string>
const row = (page: Page, keyId: string) => page.locator(`tr[data-key-id="${keyId}"]`)
const errorCode = (page: Page) => page.locator('[role=alert]').first().getAttribute('data-code')
const gotoKeys = async (page: Page, tab: 'default' | 'instance' = 'instance', instance = SOFT) => {
  await page.goto(`${world.server.url}/console/#/keys`)
  await page.click(`[data-tab=${tab}]`)
  if (tab === 'instance') {
    await page.fill('input[name=instance]', instance)
    await page.press('input[name=instance]', 'Enter')
  }
  await page.waitForSelector('table.keys')
}
const keyIds = async () => ((await world.api({ Action: 'ListKeys', PageSize: '100' }))['Keys'] as { Key: { KeyId: string }[] }).Key.map((k) => k.KeyId)

interface NewKey { admins?: string; users?: string; others?: string; kind: 'default' | 'software' | 'hardware' | 'external'; instance?: string; spec: string; usage?: string; alias?: string; tags?: string; rotationDays?: string; externalKeyId?: string; origin?: 'EXTERNAL'; ack?: boolean }
/** Fills the create panel and confirms; returns the new key's id (or undefined when the panel stayed open). */
const createKey = async (page: Page, k: NewKey): Promise<string | undefined> => {
  const before = new Set(await keyIds())
  await page.click('[data-test=create-key]')
  const d = page.locator('.dialog')
  await d.locator('select[name=kind]').selectOption(k.kind)
  if (k.instance) await d.locator('input[name=instance]').fill(k.instance)
  await d.locator('select[name=spec]').selectOption(k.spec)
  if (k.usage) await d.locator('select[name=usage]').selectOption(k.usage)
  if (k.alias) await d.locator('input[name=alias]').fill(k.alias)
  if (k.tags) await d.locator('textarea[name=tags]').fill(k.tags)
  if (k.rotationDays) await d.locator('input[name=rotationDays]').fill(k.rotationDays)
  if (k.externalKeyId) await d.locator('input[name=externalKeyId]').fill(k.externalKeyId)
  if (k.origin) await d.locator('select[name=origin]').selectOption(k.origin)
  if (k.ack) await d.locator('input[name=externalAck]').check()
  if (k.admins || k.users || k.others) {
    await d.locator('select[name=policy]').selectOption('custom')
    if (k.admins) await d.locator('textarea[name=admins]').fill(k.admins)
    if (k.users) await d.locator('textarea[name=users]').fill(k.users)
    if (k.others) await d.locator('textarea[name=otherUsers]').fill(k.others)
  }
  await d.locator('[data-test=dialog-ok]').click()
  await Promise.race([d.waitFor({ state: 'detached' }), d.locator('[role=alert]').waitFor()])
  if (await d.count()) return undefined
  const created = (await keyIds()).filter((id) => !before.has(id))
  assert.is(created.length, 1)
  return created[0]
}

step('sign-in with a wrong secret shows the API\'s refusal and keeps nothing', async ({ page, server }) => {
  await signIn(page, server.url, { id: KEY.id, secret: 'not-the-secret-at-all' })
  await page.waitForSelector('[role=alert]')
  assert.is(await errorCode(page), 'SignatureDoesNotMatch')
  assert.is(await page.evaluate(() => sessionStorage.length), 0)
  await signIn(page, server.url, { id: 'noSuchAccessKey', secret: KEY.secret })
  await page.waitForSelector('[role=alert]')
  assert.is(await errorCode(page), 'InvalidAccessKeyId.NotFound')
})

step('sign-in keeps the secret in session storage only and never sends it', async ({ page, server }) => {
  const bodies: string[] = []
  page.on('request', (r) => bodies.push(`${r.url()} ${JSON.stringify(r.headers())} ${r.postData() ?? ''}`))
  await signIn(page, server.url)
  await page.waitForSelector('table.keys')
  assert.ok(await page.evaluate(() => sessionStorage.getItem('keyledger.credentials')?.includes('console-spec-secret-0001')))
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- spreading Storage copies its items, which is what is checked
  assert.not.ok(await page.evaluate(() => JSON.stringify({ ...localStorage }).includes('console-spec-secret-0001')))
  assert.ok(bodies.some((b) => b.includes('Signature=')), 'the page made signed calls')
  assert.not.ok(bodies.some((b) => b.includes(KEY.secret) || b.includes(encodeURIComponent(KEY.secret))), 'the secret never left the tab')
})

let softKey = ''
let rsaKey = ''
step('create each kind of key (S-1.3, S-1.4, S-2, S-3, S-4)', async ({ page, hardware }) => {
  await gotoKeys(page, 'default')
  const dflt = await createKey(page, { kind: 'default', spec: 'Aliyun_AES_256', alias: 'console-default' })
  assert.ok(dflt)
  assert.is((await meta(dflt))['DKMSInstanceId'], '')
  await page.waitForSelector(`tr[data-key-id="${dflt}"]`)
  assert.match(await row(page, dflt).locator('.alias').innerText(), 'alias/console-default')

  await gotoKeys(page)
  softKey = (await createKey(page, { kind: 'software', instance: SOFT, spec: 'Aliyun_AES_256', alias: 'console-soft', tags: 'env=prod\nowner=ops', rotationDays: '30' }))!
  const m = await meta(softKey)
  assert.is(m['DKMSInstanceId'], SOFT)
  assert.is(m['AutomaticRotation'], 'Enabled')
  assert.is(m['RotationInterval'], `${30 * 86400}s`)
  await page.waitForSelector(`tr[data-key-id="${softKey}"] .tag-list:has-text("env=prod")`)

  rsaKey = (await createKey(page, { kind: 'software', instance: SOFT, spec: 'RSA_2048', usage: 'SIGN/VERIFY' }))!
  assert.is((await meta(rsaKey))['KeyUsage'], 'SIGN/VERIFY')

  // S-5.2: a custom policy with administrators, users and another account's user.
  const custom = (await createKey(page, { kind: 'software', instance: SOFT, spec: 'Aliyun_AES_256', admins: `acs:ram::${ACCOUNT}:user/alice`, users: `acs:ram::${ACCOUNT}:role/app`, others: 'acs:ram::9876543210987654:user/bob' }))!
  const policy = JSON.parse(String((await world.api({ Action: 'GetKeyPolicy', KeyId: custom, PolicyName: 'default' }))['Policy'])) as { Statement: { Principal: { RAM: string[] }; Action: string[] }[] }
  const admin = policy.Statement.find((st) => st.Principal.RAM.includes(`acs:ram::${ACCOUNT}:user/alice`))!
  assert.ok(admin.Action.includes('kms:ScheduleKeyDeletion') && !admin.Action.includes('kms:Encrypt'), 'administrators manage only')
  const user = policy.Statement.find((st) => st.Principal.RAM.includes('acs:ram::9876543210987654:user/bob'))!
  assert.ok(user.Principal.RAM.includes(`acs:ram::${ACCOUNT}:role/app`) && user.Action.includes('kms:Encrypt') && !user.Action.includes('kms:DisableKey'), 'users use only')
  assert.ok(policy.Statement.some((st) => st.Principal.RAM.includes(`acs:ram::${ACCOUNT}:*`)), 'the owning account keeps the key')
  assert.is(await createKey(page, { kind: 'software', instance: SOFT, spec: 'Aliyun_AES_256', admins: 'alice' }), undefined)
  assert.match(await page.locator('.dialog [role=alert]').innerText(), 'Policy')
  await page.click('[data-test=dialog-cancel]')

  if (hardware) {
    // The external instance exists where SoftHSM does: its XKS proxy double keeps the external key on a token.
    const ext = await createKey(page, { kind: 'external', instance: EXT, spec: 'Aliyun_AES_256', externalKeyId: EXTERNAL_KEY_ID })
    assert.ok(ext, 'external key created')
    assert.is((await meta(ext))['DKMSInstanceId'], EXT)
  }

  if (hardware) {
    const hsm = (await createKey(page, { kind: 'hardware', instance: HSM, spec: 'EC_P256', usage: 'SIGN/VERIFY' }))!
    assert.is((await meta(hsm))['ProtectionLevel'], 'HSM')
    // S-2.6: EXTERNAL material on a hardware key asks for the acknowledgement first.
    assert.is(await createKey(page, { kind: 'hardware', instance: HSM, spec: 'Aliyun_AES_256', origin: 'EXTERNAL' }), undefined)
    await page.click('[data-test=dialog-cancel]')
    const imported = (await createKey(page, { kind: 'hardware', instance: HSM, spec: 'Aliyun_AES_256', origin: 'EXTERNAL', ack: true }))!
    assert.is((await meta(imported))['KeyState'], 'PendingImport')
  }
})

step('the create panel refuses what the API refuses, with its code (S-3.1, S-4.2, S-1.2)', async ({ page }) => {
  await gotoKeys(page)
  const before = (await keyIds()).length
  assert.is(await createKey(page, { kind: 'software', instance: SOFT, spec: 'Aliyun_AES_256', alias: 'bad alias!' }), undefined)
  assert.is(await errorCode(page), 'InvalidParameter')
  assert.match(await page.locator('.dialog [role=alert]').innerText(), 'AliasName')
  await page.click('[data-test=dialog-cancel]')
  assert.is(await createKey(page, { kind: 'software', instance: SOFT, spec: 'Aliyun_AES_256', rotationDays: '400' }), undefined)
  assert.match(await page.locator('.dialog [role=alert]').innerText(), 'S-4.2')
  await page.click('[data-test=dialog-cancel]')
  // The API's own refusal: a second default key in the region (S-1.2).
  assert.is(await createKey(page, { kind: 'default', spec: 'Aliyun_AES_256' }), undefined)
  assert.match(await page.locator('.dialog [role=alert]').getAttribute('data-code') ?? '', /^Rejected\./)
  await page.click('[data-test=dialog-cancel]')
  assert.is((await keyIds()).length, before)
})

step('disable asks for confirmation, then enable (S-6, S-11)', async ({ page }) => {
  await gotoKeys(page)
  await row(page, softKey).locator('[data-test=disable]').click()
  await page.click('[data-test=dialog-cancel]')
  assert.is((await meta(softKey))['KeyState'], 'Enabled')
  await row(page, softKey).locator('[data-test=disable]').click()
  await page.click('[data-test=dialog-ok]')
  await page.waitForSelector(`tr[data-key-id="${softKey}"][data-state=Disabled]`)
  assert.is((await meta(softKey))['KeyState'], 'Disabled')
  await row(page, softKey).locator('[data-test=enable]').click()
  await page.waitForSelector(`tr[data-key-id="${softKey}"][data-state=Enabled]`)
  assert.is((await meta(softKey))['KeyState'], 'Enabled')
})

step('protect, then scheduling deletion is refused with the API\'s code (S-7.1)', async ({ page, server }) => {
  await page.goto(`${server.url}/console/#/keys/${softKey}`)
  await page.locator('input[name=deletionProtection]').click()
  await page.fill('.dialog input[name=protectionDescription]', 'used by billing')
  await page.click('.dialog [data-test=dialog-ok]')
  await page.waitForSelector('input[name=deletionProtection]:checked')
  assert.is((await meta(softKey))['DeletionProtection'], 'Enabled')
  await page.click('[data-test=schedule-deletion]')
  await page.click('.dialog [data-test=dialog-ok]')
  await page.waitForSelector('.dialog [role=alert]')
  assert.is(await page.locator('.dialog [role=alert]').getAttribute('data-code'), 'Rejected.DeletionProtection')
  await page.click('[data-test=dialog-cancel]')
  assert.is((await meta(softKey))['KeyState'], 'Enabled')
  await page.locator('input[name=deletionProtection]').click() // turning it off asks nothing
  await page.waitForSelector('input[name=deletionProtection]:not(:checked)')
  assert.is((await meta(softKey))['DeletionProtection'], 'Disabled')
})

step('schedule deletion with a pending window, then cancel (S-8)', async ({ page }) => {
  await gotoKeys(page)
  await row(page, rsaKey).locator('[data-test=more]').click()
  await row(page, rsaKey).locator('[data-test=schedule-deletion]').click()
  await page.fill('.dialog input[name=pendingWindow]', '3')
  await page.click('.dialog [data-test=dialog-ok]')
  assert.match(await page.locator('.dialog [role=alert]').innerText(), 'PendingWindowInDays')
  await page.fill('.dialog input[name=pendingWindow]', '10')
  await page.click('.dialog [data-test=dialog-ok]')
  await page.waitForSelector(`tr[data-key-id="${rsaKey}"][data-state=PendingDeletion]`)
  const m = await meta(rsaKey)
  assert.is(m['KeyState'], 'PendingDeletion')
  assert.ok(Math.abs(Date.parse(m['DeleteDate']!) - Date.now() - 10 * 86400_000) < 120_000)
  await row(page, rsaKey).locator('[data-test=more]').click()
  await row(page, rsaKey).locator('[data-test=cancel-deletion]').click()
  await page.waitForSelector(`tr[data-key-id="${rsaKey}"][data-state=Enabled]`)
})

step('tag one key in its dialog, then many keys in batch (S-3.6)', async ({ page }) => {
  const tagsOf = async (id: string) => Object.fromEntries(((await world.api({ Action: 'ListResourceTags', KeyId: id }))['Tags'] as { Tag: { TagKey: string; TagValue: string }[] }).Tag.map((x) => [x.TagKey, x.TagValue]))
  await gotoKeys(page)
  await row(page, softKey).locator('[data-test=edit-tags]').click()
  const d = page.locator('.dialog')
  await d.locator('.tag-row[data-tag-key=env] input[name=tagValue]').fill('staging') // change
  await d.locator('.tag-row[data-tag-key=owner] input[name=unbind]').check() // unbind
  await d.locator('.tag-row').last().locator('input[name=tagKey]').fill('team') // bind
  await d.locator('.tag-row').last().locator('input[name=tagValue]').fill('core')
  await d.locator('[data-test=dialog-ok]').click()
  await d.waitFor({ state: 'detached' })
  assert.equal(await tagsOf(softKey), { env: 'staging', team: 'core' })

  await row(page, softKey).locator('input[name=select]').check()
  await row(page, rsaKey).locator('input[name=select]').check()
  await page.click('[data-test=batch-add-tags]')
  await page.fill('.dialog textarea[name=batchTags]', 'acs:bad=1')
  await page.click('.dialog [data-test=dialog-ok]')
  assert.is(await page.locator('.dialog [role=alert]').getAttribute('data-code'), 'InvalidParameter') // S-3.3
  await page.fill('.dialog textarea[name=batchTags]', 'cost=42\nproject=kms')
  await page.click('.dialog [data-test=dialog-ok]')
  await page.waitForSelector(`tr[data-key-id="${rsaKey}"] .tag-list:has-text("project=kms")`)
  assert.equal(await tagsOf(rsaKey), { cost: '42', project: 'kms' })
  assert.equal(await tagsOf(softKey), { cost: '42', env: 'staging', project: 'kms', team: 'core' })

  await row(page, softKey).locator('input[name=select]').check()
  await row(page, rsaKey).locator('input[name=select]').check()
  await page.click('[data-test=batch-remove-tags]')
  await page.fill('.dialog textarea[name=batchTags]', 'cost')
  await page.click('.dialog [data-test=dialog-ok]')
  await page.waitForSelector('.dialog', { state: 'detached' })
  assert.equal(await tagsOf(rsaKey), { project: 'kms' })
  assert.equal(await tagsOf(softKey), { env: 'staging', project: 'kms', team: 'core' })
})

step('view and download a public key as PEM (S-9)', async ({ page, server }) => {
  await page.goto(`${server.url}/console/#/keys/${rsaKey}`)
  await page.click('[data-tab=versions]')
  await page.click('[data-test=view-public-key]')
  await page.waitForSelector('[data-test=public-key]:has-text("BEGIN PUBLIC KEY")')
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=download-public-key]')])
  assert.match(download.suggestedFilename(), new RegExp(`^${rsaKey}-.+\\.pem$`))
  const pem = readFileSync(await download.path(), 'utf8')
  const versionId = ((await world.api({ Action: 'ListKeyVersions', KeyId: rsaKey }))['KeyVersions'] as { KeyVersion: { KeyVersionId: string }[] }).KeyVersion[0]!.KeyVersionId
  assert.is(pem, (await world.api({ Action: 'GetPublicKey', KeyId: rsaKey, KeyVersionId: versionId }))['PublicKey'])
  const key = createPublicKey(pem)
  assert.is(key.asymmetricKeyType, 'rsa')
  assert.is(key.asymmetricKeyDetails?.modulusLength, 2048)
  assert.not.match(pem, 'PRIVATE')
})

step('association detection shows the services that called with the key (S-10)', async ({ page, server }) => {
  for (const service of ['ecs', 'ecs', 'oss'])
    await world.api({ Action: 'Encrypt', KeyId: softKey, Plaintext: Buffer.from('hello').toString('base64') }, { 'x-acs-caller-service': service, 'x-acs-caller-resource': `${service}-disk-1` })
  await page.goto(`${server.url}/console/#/keys/${softKey}`)
  await page.click('[data-tab=associations]')
  await page.click('[data-test=detect]')
  await page.waitForSelector('[data-test=associations] tr[data-service=ecs]')
  assert.match(await page.locator('[data-test=association-status]').innerText(), 'In use')
  assert.match(await page.locator('tr[data-service=ecs]').innerText(), /ecs-disk-1[\s\S]*\t2$/)
  assert.match(await page.locator('tr[data-service=oss]').innerText(), 'oss-disk-1')
  await world.api({ Action: 'Encrypt', KeyId: softKey, Plaintext: 'aGk=' }, { 'x-acs-caller-service': 'rds' })
  await page.click('[data-test=refresh-associations]')
  await page.waitForSelector('[data-test=associations] tr[data-service=rds]')
})

step('history tab: the audit timeline, and the key\'s state at an earlier instant', async ({ page, server }) => {
  await world.api({ Action: 'DisableKey', KeyId: softKey })
  await world.api({ Action: 'Encrypt', KeyId: softKey, Plaintext: 'aGk=' }).catch(() => undefined) // refused: Disabled
  await page.goto(`${server.url}/console/#/keys/${softKey}`)
  await page.click('[data-tab=history]')
  await page.waitForSelector('table.history tr[data-type=KeyCreated]')
  const types = await page.locator('table.history tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')))
  for (const t of ['KeyCreated', 'KeyDisabled', 'KeyEnabled', 'DeletionProtectionEnabled', 'TagBound', 'TagUnbound', 'ActionInvoked']) assert.ok(types.includes(t), t)
  assert.match(await page.locator('table.history tr[data-type=KeyCreated]').innerText(), `acs:ram::${ACCOUNT}:root`)
  assert.ok(await page.locator('table.history td.outcome.failed, table.history td.outcome.denied').count() >= 1, 'the refused call is in the timeline')
  assert.is(await page.locator('[data-test=state-at-value]').innerText(), 'Disabled')
  // Slide to the event where the key was first disabled and just before it.
  const firstDisabled = types.indexOf('KeyDisabled')
  const slide = async (i: number) => page.locator('input[name=historySlider]').evaluate((el, v) => {
    (el as HTMLInputElement).value = String(v); el.dispatchEvent(new Event('input'))
  }, i)
  await slide(firstDisabled)
  assert.is(await page.locator('[data-test=state-at-value]').innerText(), 'Disabled')
  await slide(firstDisabled - 1)
  assert.is(await page.locator('[data-test=state-at-value]').innerText(), 'Enabled')
  assert.match(await page.locator('[data-test=state-at]').innerText(), 'env=prod')
  await world.api({ Action: 'EnableKey', KeyId: softKey })
})

step('list paging, filters and search', async ({ page }) => {
  for (let i = 0; i < 9; i++) await world.api({ Action: 'CreateKey', DKMSInstanceId: SOFT, KeySpec: 'EC_P256', KeyUsage: 'SIGN/VERIFY' })
  await gotoKeys(page)
  assert.match(await page.locator('[data-test=page-info]').innerText(), 'Page 1 of 2 (12 keys)')
  assert.is(await page.locator('table.keys tbody tr').count(), 10)
  await page.click('[data-test=next-page]')
  await page.waitForSelector('[data-test=page-info]:has-text("Page 2 of 2")')
  assert.is(await page.locator('table.keys tbody tr').count(), 2)
  await page.selectOption('select[name=spec]', 'EC_P256')
  await page.waitForSelector('[data-test=page-info]:has-text("(9 keys)")')
  await page.selectOption('select[name=state]', 'Disabled')
  await page.waitForSelector('[data-test=page-info]:has-text("(0 keys)")')
  await page.selectOption('select[name=state]', '')
  await page.selectOption('select[name=spec]', '')
  await page.fill('input[name=search]', 'console-soft')
  await page.press('input[name=search]', 'Enter')
  await page.waitForSelector('[data-test=page-info]:has-text("(1 keys)")')
  assert.is(await page.locator('table.keys tbody tr').getAttribute('data-key-id'), softKey)
  await page.fill('input[name=search]', '')
  await page.press('input[name=search]', 'Enter')
})

step('compliance page: a report as of now, downloaded as CSV', async ({ page, server }) => {
  await page.goto(`${server.url}/console/#/compliance`)
  await page.selectOption('select[name=report]', 'no-deletion-protection')
  await page.click('[data-test=run-report]')
  await page.waitForSelector('[data-test=report-table] tbody tr')
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=download-csv]')])
  const csv = readFileSync(await download.path(), 'utf8')
  const lines = csv.trim().split('\r\n')
  assert.is(lines.length - 1, await page.locator('[data-test=report-table] tbody tr').count())
  assert.ok(lines.some((l) => l.includes(softKey)) && lines.some((l) => l.includes(rsaKey)))
  // As of a chosen date before any key existed: nothing to report.
  await page.fill('input[name=at]', '2020-01-01T00:00')
  await page.click('[data-test=run-report]')
  await page.waitForSelector('.report:has-text("0 rows")')
  await page.fill('input[name=at]', '')
  await page.selectOption('select[name=report]', 'unused')
  await page.fill('input[name=days]', '0')
  await page.click('[data-test=run-report]')
  await page.waitForSelector('.report [role=alert]')
  assert.is(await errorCode(page), 'InvalidParameter')
})

step('English and Simplified Chinese, switchable', async ({ page }) => {
  await gotoKeys(page)
  await page.selectOption('select[name=language]', 'zh-CN')
  await page.waitForSelector('h1:has-text("密钥管理")')
  assert.is(await page.locator('[data-tab=instance]').innerText(), '用户主密钥')
  assert.is(await page.locator('[data-tab=default]').innerText(), '默认密钥')
  await page.selectOption('select[name=language]', 'en')
  await page.waitForSelector('h1:has-text("Key management")')
})

test.run()
