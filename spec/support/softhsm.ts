// A fresh SoftHSMv2 token per spec process, in a temp folder, through SOFTHSM2_CONF (read by C_Initialize, so it is
// set before any executor opens). Without SoftHSM the PKCS#11 specs are skipped loudly; with KMS_REQUIRE_PKCS11=1
// (CI) a missing SoftHSM fails the run instead.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { test as uvuTest } from 'uvu'
import type { KeyVersionRef } from '../../domain/ports/crypto-executor.ts'
import type { KeySpec } from '../../domain/values/key-spec.ts'
import type { Pkcs11Config } from '../../adapters/crypto/pkcs11/config.ts'
import { Pkcs11Executor } from '../../adapters/crypto/pkcs11/executor.ts'
import { createSoftHsmToken, softhsmInstalled } from '../../scripts/setup-softhsm.ts'
import { modulePathFromEnv } from '../../adapters/crypto/pkcs11/config.ts'

export const PIN = '1234'
export const SO_PIN = '12345678'

const decideAvailability = (): boolean => {
  if (softhsmInstalled()) return true
  const message = `SoftHSMv2 is not installed (module ${modulePathFromEnv()} or softhsm2-util missing): apt-get install -y softhsm2`
  if (process.env['KMS_REQUIRE_PKCS11'] === '1') throw new Error(`KMS_REQUIRE_PKCS11=1: ${message}`)
  process.stderr.write(`\n!!!!!!!! SKIPPING PKCS#11 SPECS !!!!!!!!\n!!! ${message}\n!!! Set KMS_REQUIRE_PKCS11=1 to make this a failure.\n\n`)
  return false
}

export const softhsmAvailable = decideAvailability()

/** uvu's `test`, or `test.skip` (counted as skipped, never as passed) when SoftHSM is missing. */
// eslint-disable-next-line @typescript-eslint/unbound-method -- uvu's test.skip does not use this
export const hsmTest: typeof uvuTest = softhsmAvailable ? uvuTest : (uvuTest.skip as unknown as typeof uvuTest)

export interface FreshToken {
  readonly config: Pkcs11Config
  readonly dir: string
  remove(): void
}

let tokenCount = 0

/** One token per spec file (one process): Cryptoki reads SOFTHSM2_CONF once, at C_Initialize. */
export const freshToken = (label = 'kms-spec'): FreshToken => {
  if (tokenCount++ > 0 && process.env['SOFTHSM2_CONF']) throw new Error('one fresh token per spec process')
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-softhsm-'))
  const token = createSoftHsmToken({ dir, label, pin: PIN, soPin: SO_PIN })
  process.env['SOFTHSM2_CONF'] = token.confPath
  return {
    config: { modulePath: token.modulePath, tokenLabel: label, pin: PIN, maxSessions: 4 },
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

export const openExecutor = (config: Pkcs11Config): Pkcs11Executor => {
  const opened = Pkcs11Executor.open(config)
  if (E.isLeft(opened)) throw new Error(`cannot open the token: ${opened.left.code} ${opened.left.message}`)
  return opened.right
}

export const right = <A>(either: E.Either<{ code: string; message: string }, A>): A => {
  if (E.isLeft(either)) throw new Error(`expected a value, got ${either.left.code}: ${either.left.message}`)
  return either.right
}

export const versionRef = (spec: KeySpec, keyId = `key-${randomUUID()}`, versionId = randomUUID()): KeyVersionRef =>
  ({ keyId, versionId, spec, kind: 'hardware', instanceId: 'kst-hsm-spec' })
