import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

// Debian's Chromium driven by playwright-core for the console's end-to-end specs (docs/console.md "Tests"):
// headless, no sandbox (CI runs as root), nothing fetched from the network, a fresh profile per spec file.

export const CHROMIUM = process.env['KMS_CHROMIUM'] ?? '/usr/bin/chromium'

/** Where a failing step leaves its screenshot (gitignored). */
export const FAILURE_DIR = fileURLToPath(new URL('../.console-failures/', import.meta.url))

export interface ConsoleBrowser {
  readonly context: BrowserContext
  readonly page: Page
  close(): Promise<void>
}

export const openBrowser = async (): Promise<ConsoleBrowser> => {
  const profile = mkdtempSync(join(tmpdir(), 'keyledger-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, acceptDownloads: true, locale: 'en-US', viewport: { width: 1360, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-dev-shm-usage'],
  })
  context.setDefaultTimeout(15_000)
  const page = context.pages()[0] ?? await context.newPage()
  return {
    context, page,
    close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }) },
  }
}

/** Runs a step; on failure keeps a screenshot of the page named after it, then fails with the original error. */
export const withScreenshot = async (page: Page, name: string, step: () => Promise<void>): Promise<void> => {
  try { await step() } catch (err) {
    mkdirSync(FAILURE_DIR, { recursive: true })
    const file = join(FAILURE_DIR, `${name.replace(/[^A-Za-z0-9_-]+/g, '-')}.png`)
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined)
    throw Object.assign(err instanceof Error ? err : new Error(String(err)), { message: `${err instanceof Error ? err.message : String(err)}\n(screenshot: ${file})` })
  }
}
