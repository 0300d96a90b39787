// `npx tsx scripts/console-screenshots.ts`: the README's console screenshots (docs/console-keys.png,
// docs/console-details.png), taken from a real run: a fresh `keyledger serve`, keys made through the API, the
// console in Chromium. Re-run it when the console's look changes.
import { fileURLToPath } from 'node:url'
import { signIn, SOFT, startConsoleWorld } from '../spec/support/console-world.ts'

const docs = (name: string) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url))

const world = await startConsoleWorld()
try {
  const key = async (p: Record<string, string>, alias?: string, tags?: string) => {
    const id = ((await world.api({ Action: 'CreateKey', DKMSInstanceId: SOFT, ...p }))['KeyMetadata'] as { KeyId: string }).KeyId
    if (alias) await world.api({ Action: 'CreateAlias', KeyId: id, AliasName: `alias/${alias}` })
    if (tags) await world.api({ Action: 'TagResource', KeyId: id, Tags: tags })
    return id
  }
  const billing = await key({ KeySpec: 'Aliyun_AES_256', Description: 'billing data', RotationInterval: '90d' }, 'billing', '[{"TagKey":"env","TagValue":"prod"},{"TagKey":"team","TagValue":"billing"}]')
  await key({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN/VERIFY' }, 'release-signing', '[{"TagKey":"env","TagValue":"prod"}]')
  const old = await key({ KeySpec: 'Aliyun_AES_256' }, 'legacy-exports')
  await key({ KeySpec: 'EC_P256', KeyUsage: 'SIGN/VERIFY' }, 'api-tokens')
  await world.api({ Action: 'DisableKey', KeyId: old })
  await world.api({ Action: 'SetDeletionProtection', KeyId: billing, EnableDeletionProtection: 'true', DeletionProtectionDescription: 'holds customer invoices' })
  for (const service of ['ecs', 'oss'])
    await world.api({ Action: 'Encrypt', KeyId: billing, Plaintext: 'aGVsbG8=' }, { 'x-acs-caller-service': service, 'x-acs-caller-resource': `${service}-disk-1` })
  const { page, server } = world
  await signIn(page, server.url)
  await page.fill('input[name=instance]', SOFT)
  await page.press('input[name=instance]', 'Enter')
  await page.waitForSelector(`tr[data-key-id="${billing}"] .tag-list:has-text("env=prod")`)
  await page.screenshot({ path: docs('console-keys.png') })
  await page.goto(`${server.url}/console/#/keys/${billing}`)
  await page.click('[data-tab=history]')
  await page.waitForSelector('table.history tr[data-type=KeyCreated]')
  await page.screenshot({ path: docs('console-details.png'), fullPage: true })
  process.stdout.write(`wrote ${docs('console-keys.png')} and ${docs('console-details.png')}\n`)
} finally {
  await world.close()
}
