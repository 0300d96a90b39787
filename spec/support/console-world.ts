import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { test as uvuTest } from 'uvu'
import { openBrowser, withScreenshot, type ConsoleBrowser } from './console-browser.ts'
import { startServerProcess, type ServerProcess } from './server-process.ts'
import { acs3Call, call, type RawKey } from './signed-request.ts'
import { freshToken, openExecutor, PIN, softhsmAvailable } from './softhsm.ts'
import { throwawayTls } from './throwaway-ca.ts'
import { XksProxyDouble, xksCredential } from './xks-proxy-double.ts'

// One real `keyledger serve` (SQLite on a temp data dir; a SoftHSM token for the hardware instance when SoftHSM is
// installed) and one Chromium, shared by a console spec file. No default instance: "default key" in the create
// panel makes the region's default key (S-1.2), instance keys name their instance.

export const ACCOUNT = '1234567890123456'
export const SOFT = 'kst-console0software0001'
export const HSM = 'kst-console0hardware0001'
export const EXT = 'kst-console0external0001'
/** The external key behind the external instance's keys, on the XKS proxy double. */
export const EXTERNAL_KEY_ID = 'xks-key-0001'
const XKS_PATH = '/console/kms/xks/v1'
export const KEY: RawKey = { id: 'consoleSpecKey', secret: 'console-spec-secret-0001' }

export interface ConsoleWorld {
  readonly server: ServerProcess
  readonly browser: ConsoleBrowser
  readonly page: Page
  readonly hardware: boolean
  /** A signed API call as an SDK would make it (to check what the console did, or to make calls it shows). */
  api: (params: Record<string, string>, headers?: Record<string, string>) => Promise<Record<string, unknown>>
  close(): Promise<void>
}

/** `store`: the server's event store (SQLite in the data dir by default); `env`: more environment for the server. */
export const startConsoleWorld = async (o: { store?: Record<string, unknown>; env?: Record<string, string>; hardware?: boolean } = {}): Promise<ConsoleWorld> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-console-'))
  const token = softhsmAvailable && o.hardware !== false ? freshToken('kms-console') : undefined
  // The external instance's XKS proxy (docs/external-keys.md): the spec double, its key on the same SoftHSM token
  // (one fresh token per spec process; the proxy's key has its own label).
  const tls = throwawayTls()
  const credential = xksCredential()
  const proxy = token ? new XksProxyDouble(openExecutor(token.config), tls, XKS_PATH, credential) : undefined
  if (proxy) {
    await proxy.start()
    await proxy.createKey(EXTERNAL_KEY_ID)
  }
  const server = await startServerProcess(dataDir, {
    listen: '127.0.0.1:0', accountId: ACCOUNT, region: 'cn-hangzhou',
    instances: [
      { instanceId: SOFT, kind: 'software' },
      ...(proxy ? [{ instanceId: EXT, kind: 'external', xks: { uri: proxy.uri, uriPath: XKS_PATH, accessKeyId: credential.accessKeyId, secretAccessKeyEnv: 'KMS_SPEC_XKS_SECRET', caFile: tls.caFile } }] : []),
      ...(token ? [{ instanceId: HSM, kind: 'hardware', pkcs11: { modulePath: token.config.modulePath, tokenLabel: token.config.tokenLabel, pinEnv: 'KMS_SPEC_HSM_PIN' } }] : []),
    ],
    accessKeys: [{ accessKeyId: KEY.id, accessKeySecret: KEY.secret }],
    store: o.store ?? { type: 'sqlite' },
  }, { KMS_SPEC_HSM_PIN: PIN, KMS_SPEC_XKS_SECRET: credential.secretAccessKey, LOG_LEVEL: 'warn', ...o.env })
  const browser = await openBrowser()
  return {
    server, browser, page: browser.page, hardware: token !== undefined,
    api: async (params, headers = {}) => {
      // Caller labels (x-acs-caller-*) count only when signed, so calls that carry them go out as ACS3 (S-10).
      const { Action: action = '', ...rest } = params
      const r = Object.keys(headers).length > 0 ? await acs3Call(server.url, KEY, action, rest, headers) : await call(server.url, KEY, params, {}, headers)
      if (r.status !== 200) throw new Error(`${params['Action']}: ${r.status} ${JSON.stringify(r.body)}`)
      return r.body
    },
    close: async () => {
      await browser.close()
      await server.stop()
      await proxy?.stop()
      token?.remove()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** uvu's `test`, keeping a screenshot when the step fails. */
export const consoleTest = (world: () => ConsoleWorld) => (name: string, body: (w: ConsoleWorld) => Promise<void>): void =>
  uvuTest(name, async () => { const w = world(); await withScreenshot(w.page, name, () => body(w)) })

export const signIn = async (page: Page, baseUrl: string, key: RawKey = KEY): Promise<void> => {
  await page.goto(`${baseUrl}/console/`)
  await page.fill('input[name=accessKeyId]', key.id)
  await page.fill('input[name=accessKeySecret]', key.secret)
  await page.click('form.signin button[type=submit]')
}
