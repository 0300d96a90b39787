// Creates a private SoftHSMv2 token in a folder of its own, for a hardware instance or for the specs:
//
//   KMS_PKCS11_PIN=… KMS_PKCS11_SO_PIN=… npx tsx scripts/setup-softhsm.ts --dir ./data/softhsm --label keyledger-hsm
//
// It writes <dir>/softhsm2.conf (directories.tokendir = <dir>/tokens) and runs
// `softhsm2-util --init-token --free --label <label>`. Run the server with SOFTHSM2_CONF=<dir>/softhsm2.conf and
// configure the instance with { modulePath, tokenLabel: <label>, pin }. SoftHSM gives the token a new slot id on
// every init, so the instance names the token by label, never by slot (platform notes §1.1).
// PINs come from the environment so they stay out of shell history and `ps`.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { modulePathFromEnv } from '../adapters/crypto/pkcs11/config.ts'

export interface SoftHsmToken {
  readonly dir: string
  readonly confPath: string
  readonly label: string
  readonly modulePath: string
}

export const softhsmInstalled = (modulePath = modulePathFromEnv()): boolean => {
  if (!existsSync(modulePath)) return false
  try {
    execFileSync('softhsm2-util', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Initialises a fresh token under `dir`; throws with softhsm2-util's message when that fails. */
export const createSoftHsmToken = (opts: { dir: string; label: string; pin: string; soPin: string }): SoftHsmToken => {
  const dir = resolve(opts.dir)
  const tokens = join(dir, 'tokens')
  mkdirSync(tokens, { recursive: true, mode: 0o700 })
  const confPath = join(dir, 'softhsm2.conf')
  writeFileSync(confPath, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`, { mode: 0o600 })
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', opts.label, '--so-pin', opts.soPin, '--pin', opts.pin], {
    env: { ...process.env, SOFTHSM2_CONF: confPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return { dir, confPath, label: opts.label, modulePath: modulePathFromEnv() }
}

const main = (): void => {
  const args = process.argv.slice(2)
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`)
    return i >= 0 ? args[i + 1] : undefined
  }
  const dir = flag('dir') ?? './data/softhsm'
  const label = flag('label') ?? 'keyledger-hsm'
  const pin = process.env['KMS_PKCS11_PIN'] ?? flag('pin')
  const soPin = process.env['KMS_PKCS11_SO_PIN'] ?? flag('so-pin')
  if (!pin || !soPin) {
    process.stderr.write('Set KMS_PKCS11_PIN and KMS_PKCS11_SO_PIN (or pass --pin and --so-pin).\n')
    process.exit(2)
  }
  if (!softhsmInstalled()) {
    process.stderr.write(`SoftHSMv2 is not installed (module ${modulePathFromEnv()}): apt-get install -y softhsm2\n`)
    process.exit(2)
  }
  const token = createSoftHsmToken({ dir, label, pin, soPin })
  process.stdout.write(`Token "${token.label}" created in ${token.dir}\n` +
    `  export SOFTHSM2_CONF=${token.confPath}\n` +
    `  instance config: { "modulePath": "${token.modulePath}", "tokenLabel": "${token.label}", "pin": "<the user PIN>" }\n`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main()
