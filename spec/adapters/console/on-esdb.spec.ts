import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { randomBytes } from 'node:crypto'
import { startEsdbDouble, type EsdbDouble } from '../../support/esdb-double/index.ts'
import { consoleTest, signIn, SOFT, startConsoleWorld, type ConsoleWorld } from '../../support/console-world.ts'

// The console only speaks the API, so it works the same when the server keeps its events (and vault) in
// EventStoreDB: `keyledger serve` on the in-process EventStoreDB double (through the real @eventstore/db-client),
// driven from Chromium — create, disable with confirmation, and the history read back from the store.

let double: EsdbDouble
let world: ConsoleWorld
test.before(async () => {
  double = await startEsdbDouble()
  world = await startConsoleWorld({
    store: { type: 'esdb', url: double.connectionString }, env: { KMS_ROOT_KEY: randomBytes(32).toString('base64') }, hardware: false,
  })
})
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when test.before failed before assigning it
test.after(async () => { await world?.close(); await double?.stop() })
const step = consoleTest(() => world)

step('on EventStoreDB: create a key in the panel, disable it with confirmation, read its history', async ({ page, server, api }) => {
  await signIn(page, server.url)
  await page.fill('input[name=instance]', SOFT)
  await page.press('input[name=instance]', 'Enter')
  await page.click('[data-test=create-key]')
  await page.locator('.dialog select[name=kind]').selectOption('software')
  await page.locator('.dialog input[name=instance]').fill(SOFT)
  await page.locator('.dialog input[name=alias]').fill('on-esdb')
  await page.click('.dialog [data-test=dialog-ok]')
  const row = page.locator('tr:has(td.alias:has-text("alias/on-esdb"))')
  await row.waitFor()
  const keyId = (await row.getAttribute('data-key-id'))!
  await row.locator('[data-test=disable]').click()
  await page.click('.dialog [data-test=dialog-ok]')
  await page.waitForSelector(`tr[data-key-id="${keyId}"][data-state=Disabled]`)
  assert.is(((await api({ Action: 'DescribeKey', KeyId: keyId }))['KeyMetadata'] as Record<string, string>)['KeyState'], 'Disabled')
  assert.ok((double.log.stream(`key-${keyId}`)?.length ?? 0) >= 2, 'the key\'s events are in EventStoreDB')
  await page.goto(`${server.url}/console/#/keys/${keyId}`)
  await page.click('[data-tab=history]')
  await page.waitForSelector('table.history tr[data-type=KeyDisabled]')
  assert.is(await page.locator('[data-test=state-at-value]').innerText(), 'Disabled')
})

test.run()
