// PKCS#11 executor (pkcs11js → SoftHSMv2) against node:crypto, in one run on one machine:
//   npx tsx scripts/bench/pkcs11.ts [seconds per case, default 1.5]
// It makes a throwaway token in a temp folder (SOFTHSM2_CONF), so it needs softhsm2 installed.
import { createCipheriv, createHash, generateKeyPairSync, randomBytes, sign, constants } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { Pkcs11Executor } from '../../adapters/crypto/pkcs11/executor.ts'
import type { KeyVersionRef } from '../../domain/ports/crypto-executor.ts'
import type { KeySpec } from '../../domain/values/key-spec.ts'
import { createSoftHsmToken } from '../setup-softhsm.ts'
import { emitRows } from './lib/results.ts'

const seconds = Number(process.argv[2] ?? 1.5)

const measure = async (inFlight: number, op: () => unknown): Promise<number> => {
  const end = performance.now() + seconds * 1000
  let done = 0
  await Promise.all([...Array(inFlight)].map(async () => {
    while (performance.now() < end) {
      await op()
      done++
    }
  }))
  return done / seconds
}

const dir = mkdtempSync(join(tmpdir(), 'keyledger-bench-'))
const token = createSoftHsmToken({ dir, label: 'bench', pin: '1234', soPin: '12345678' })
process.env['SOFTHSM2_CONF'] = token.confPath
const opened = Pkcs11Executor.open({ modulePath: token.modulePath, tokenLabel: 'bench', pin: '1234', maxSessions: 4 })
if (E.isLeft(opened)) throw new Error(opened.left.message)
const executor = opened.right
const ref = (spec: KeySpec): KeyVersionRef => ({ keyId: `bench-${spec}`, versionId: 'v1', spec, kind: 'hardware', instanceId: null })
const must = <A>(r: E.Either<{ message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}

const aes = ref('Aliyun_AES_256')
const rsa = ref('RSA_2048')
const ec = ref('EC_P256')
for (const r of [aes, rsa, ec]) must(await executor.generate(r))

const plaintext = randomBytes(256)
const aad = Buffer.from('bench')
const digest = createHash('sha256').update('bench').digest()
const aesKey = randomBytes(32)
const nodeRsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
const nodeEc = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey

const cases: Array<[string, () => Promise<unknown>, () => unknown]> = [
  ['AES-256-GCM encrypt 256 B', async () => must(await executor.encrypt(aes, plaintext, aad)), () => {
    const c = createCipheriv('aes-256-gcm', aesKey, randomBytes(12))
    c.setAAD(aad)
    return [c.update(plaintext), c.final(), c.getAuthTag()]
  }],
  ['RSA-2048 sign PSS SHA-256', async () => must(await executor.sign(rsa, 'RSA_PSS_SHA_256', digest)),
    () => sign('sha256', Buffer.from('bench'), { key: nodeRsa, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })],
  ['P-256 ECDSA sign', async () => must(await executor.sign(ec, 'ECDSA_SHA_256', digest)),
    () => sign('sha256', Buffer.from('bench'), { key: nodeEc, dsaEncoding: 'der' })],
]

const rows: string[] = []
const emitted: Parameters<typeof emitRows>[0][number][] = []
for (const [name, p11, node] of cases) {
  const one = await measure(1, p11)
  const four = await measure(4, p11)
  const native = await measure(1, async () => node())
  emitted.push({
    section: 'pkcs11', name: `${name}, 4 in flight`, unit: 'ops/s', target: null, ratio: four / native,
    subject: { label: 'PKCS#11 (SoftHSMv2)', perSec: four, p50Ms: null, p99Ms: null }, baseline: { label: 'node:crypto', perSec: native, p50Ms: null, p99Ms: null },
  })
  rows.push(`${name.padEnd(28)} ${one.toFixed(0).padStart(8)} ${four.toFixed(0).padStart(8)} ${native.toFixed(0).padStart(9)}   ${(native / one).toFixed(2)}× / ${(native / four).toFixed(2)}×`)
}
process.stdout.write(`ops/s over ${seconds} s each; executor with 1 and 4 operations in flight (pool of 4 sessions)\n`)
process.stdout.write(`${'operation'.padEnd(28)} ${'p11 ×1'.padStart(8)} ${'p11 ×4'.padStart(8)} ${'node'.padStart(9)}   node/p11 (×1 / ×4)\n${rows.join('\n')}\n`)
await emitRows(emitted)
await executor.close()
rmSync(dir, { recursive: true, force: true })
