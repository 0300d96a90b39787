import type { Command } from 'commander'
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { modulePathFromEnv } from '../crypto/pkcs11/config.ts'
import { lockDataDir, requireDataDir } from '../data-dir/guard.ts'
import { EXIT, OperatorError, type ExitCode } from '../operator-error.ts'
import { ROOT_KEY_FILE, rootKeyFileProtection } from '../root-key.ts'
import { PIN_ENV } from '../root-seal/pkcs11.ts'
import { passphraseFrom } from '../root-seal/passphrase.ts'
import { rewrapRootKeyFile, type RewrapTarget } from '../root-seal/rewrap.ts'
import { CliError } from './format.ts'
import { storeTarget, withStoreOptions, type StoreOptions } from './context.ts'

// `keyledger root-key status|rewrap` (docs/operations.md "Root key protection"): how the data dir's root.key is
// protected, and moving it between protections (plain file, passphrase, PKCS#11 token key). rewrap takes the
// data dir's lock, so it is refused while a server runs on the dir.

export const NEW_PASSPHRASE_ENV = 'KMS_ROOT_KEY_NEW_PASSPHRASE'
export const NEW_PIN_ENV = 'KMS_ROOT_KEY_NEW_PKCS11_PIN'

const REWRAP_HELP = `
The root key itself never changes: everything it wraps stays readable. The current root.key is opened with
KMS_ROOT_KEY_PASSPHRASE (or --root-key-passphrase-file) or KMS_ROOT_KEY_PKCS11_PIN as the server would; the new
secret comes from:
  --to passphrase   ${NEW_PASSPHRASE_ENV}, or --new-passphrase-file FILE (never a value on the command line)
  --to pkcs11       ${NEW_PIN_ENV} (default: ${PIN_ENV}); the AES key labelled --pkcs11-key-label on the token
                    --pkcs11-token is used, or generated there (sensitive, never extractable)
  --to file         nothing: root.key becomes plain Base64 again (a copy of the data dir then decrypts everything)
The new file is written beside the old one, fsync'd, opened again and compared, then renamed over root.key.
Refused while a server holds the data dir (keyledger.lock): stop it, rewrap, start it with the new secret.`

/** Exit codes of root-key failures: a missing secret is the command line's, a wrong one the data's. */
const exitOf = (code: string): ExitCode =>
  code === 'Config.WrongRootKeyPassphrase' || code === 'Config.WrongRootKey' ? EXIT.integrity
    : code === 'Config.RootKeyPassphraseRequired' || code === 'Config.RootKeyTokenLogin' ? EXIT.usage
      : EXIT.dataDir

interface RewrapOptions extends StoreOptions {
  readonly to: string
  readonly newPassphraseFile?: string
  readonly scryptLogN?: string
  readonly pkcs11Module?: string
  readonly pkcs11Token?: string
  readonly pkcs11KeyLabel: string
}

const targetOf = (o: RewrapOptions, env: NodeJS.ProcessEnv): RewrapTarget => {
  if (o.to === 'file') return { to: 'file' }
  if (o.to === 'passphrase') {
    const pass = passphraseFrom(o.newPassphraseFile ? { KMS_NEW_FILE: resolve(o.newPassphraseFile) } : env, NEW_PASSPHRASE_ENV, 'KMS_NEW_FILE')
    if (pass === undefined) throw new CliError(`--to passphrase needs the new passphrase: set ${NEW_PASSPHRASE_ENV} or give --new-passphrase-file FILE`)
    if (E.isLeft(pass)) throw new CliError(pass.left.message)
    const logN = o.scryptLogN === undefined ? undefined : Number(o.scryptLogN)
    if (logN !== undefined && !(Number.isInteger(logN) && logN >= 14 && logN <= 22)) throw new CliError('--scrypt-log-n must be a whole number from 14 to 22')
    return { to: 'passphrase', passphrase: pass.right, ...(logN !== undefined ? { logN } : {}) }
  }
  if (o.to === 'pkcs11') {
    if (!o.pkcs11Token) throw new CliError('--to pkcs11 needs --pkcs11-token LABEL')
    const pin = env[NEW_PIN_ENV] || env[PIN_ENV]
    if (!pin) throw new CliError(`--to pkcs11 needs the token's user PIN in ${NEW_PIN_ENV} or ${PIN_ENV}`)
    return { to: 'pkcs11', pin, token: { modulePath: o.pkcs11Module ?? modulePathFromEnv(env), tokenLabel: o.pkcs11Token, keyLabel: o.pkcs11KeyLabel } }
  }
  throw new CliError(`--to must be passphrase, pkcs11 or file, not "${o.to}"`)
}

export const registerRootKey = (program: Command): void => {
  const group = program.command('root-key').description('How the vault\'s root key is protected in the data dir, and moving it between protections.')
  withStoreOptions(group.command('status').description('Say how <dataDir>/root.key is protected (file, passphrase, pkcs11), without opening it.'))
    .action((o: StoreOptions) => {
      const dir = resolve(storeTarget(o).dataDir)
      requireDataDir(dir)
      const file = join(dir, ROOT_KEY_FILE)
      const p = rootKeyFileProtection(file)
      const env = process.env['KMS_ROOT_KEY'] ? ' (KMS_ROOT_KEY is set and wins over the file)' : ''
      process.stdout.write(`${file}: ${p === 'none' ? 'no root key file' : p === 'file' ? 'file (plain Base64: unprotected)' : p}${env}\n`)
      if (p === 'unreadable') process.exitCode = EXIT.dataDir
    })
  withStoreOptions(group.command('rewrap')
    .description('Write the same root key under another protection, atomically.')
    .requiredOption('--to <protection>', 'passphrase, pkcs11 or file')
    .option('--new-passphrase-file <file>', `the new passphrase, read from a file (else ${NEW_PASSPHRASE_ENV})`)
    .option('--scrypt-log-n <n>', 'scrypt cost log2(N), 14–22 (default 17: 128 MiB, about 0.5 s)')
    .option('--pkcs11-module <path>', 'PKCS#11 module (default KMS_PKCS11_MODULE or SoftHSMv2\'s)')
    .option('--pkcs11-token <label>', 'label of the token holding the wrapping key')
    .option('--pkcs11-key-label <label>', 'label of the AES wrapping key (made if absent)', 'keyledger-root-key')
    .addHelpText('after', REWRAP_HELP))
    .action((o: RewrapOptions) => {
      const dir = resolve(storeTarget(o).dataDir)
      requireDataDir(dir)
      if (process.env['KMS_ROOT_KEY'])
        throw new OperatorError('Config.RootKeyFromEnv', 'KMS_ROOT_KEY is set: the root key comes from the environment, not root.key', 'Unset it to rewrap the data dir\'s root.key', EXIT.usage)
      const target = targetOf(o, process.env)
      const lock = lockDataDir(dir, 'root-key rewrap', (l) => void process.stderr.write(`${l}\n`))
      try {
        const r = rewrapRootKeyFile(dir, target, process.env)
        if (E.isLeft(r)) throw new OperatorError(r.left.code, r.left.message, '', exitOf(r.left.code))
        process.stdout.write(`${join(dir, ROOT_KEY_FILE)}: rewrapped from ${r.right.from} to ${r.right.to}\n`)
        if (r.right.to === 'file') process.stderr.write('warning: Config.UnprotectedRootKey: root.key is plain again: a copy of the data dir decrypts every key\n')
      } finally {
        lock.release()
      }
    })
}
