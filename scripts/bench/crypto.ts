// The software executor against raw node:crypto, in one run: what the vault lookup, the blob format, the
// EncryptionContext AAD and the KeyObject cache cost on top of the cipher itself.
//   npx tsx scripts/bench/crypto.ts [seconds per case, default 1]
import { createCipheriv, randomBytes, sign } from 'node:crypto'
import { ecKeyPair, rsaKeyPair } from '../../spec/support/key-pairs.ts'
import * as E from 'fp-ts/lib/Either.js'
import { SqliteKeyVault } from '../../adapters/vault/sqlite-vault.ts'
import { SoftwareExecutor } from '../../adapters/crypto/software/executor.ts'
import type { KeyVersionRef } from '../../domain/ports/crypto-executor.ts'
import { emitRows } from './lib/results.ts'

const seconds = Number(process.argv[2] ?? 1)

const measure = async (fn: () => unknown): Promise<number> => {
  for (let i = 0; i < 200; i++) await fn() // warm-up
  let n = 0
  const end = performance.now() + seconds * 1000
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) await fn()
    n += 50
  }
  return n / seconds
}

const vault = SqliteKeyVault.open(':memory:', randomBytes(32))
if (E.isLeft(vault)) throw new Error(vault.left.message)
const executor = new SoftwareExecutor(vault.right)
const ref = (spec: KeyVersionRef['spec'], keyId: string): KeyVersionRef => ({ keyId, versionId: '00000000-0000-4000-8000-000000000001', spec, kind: 'software', instanceId: 'kst-bench' })
const aes = ref('Aliyun_AES_256', 'key-benchaes000000001')
const ec = ref('EC_P256', 'key-benchec0000000001')
const rsa = ref('RSA_2048', 'key-benchrsa00000001')
for (const r of [aes, ec, rsa]) {
  const made = await executor.generate(r)
  if (E.isLeft(made)) throw new Error(made.left.message)
}

const plaintext = randomBytes(32)
const aad = Buffer.from('{"k":"v"}')
const rawKey = randomBytes(32)
const digest = randomBytes(32)
const ecKey = ecKeyPair('P-256').privateKey
const rsaKey = rsaKeyPair(2048).privateKey

const rows: Array<[string, number, number]> = []
rows.push(['AES-256-GCM encrypt 32 B', await measure(() => executor.encrypt(aes, plaintext, aad)), await measure(() => {
  const c = createCipheriv('aes-256-gcm', rawKey, randomBytes(12))
  c.setAAD(aad)
  return Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()])
})])
rows.push(['ECDSA P-256 sign a digest (noble) vs node sign', await measure(() => executor.sign(ec, 'ECDSA_SHA_256', digest)), await measure(() => sign('sha256', plaintext, ecKey))])
rows.push(['RSA-2048 PSS sign a digest vs node sign', await measure(() => executor.sign(rsa, 'RSA_PSS_SHA_256', digest)), await measure(() => sign('sha256', plaintext, { key: rsaKey, padding: 6, saltLength: 32 }))])
await executor.close()

process.stdout.write(`software executor vs raw node:crypto, ${seconds} s per case (ratio = executor ops/s ÷ node:crypto ops/s)\n`)
for (const [name, subject, baseline] of rows)
  process.stdout.write(`  ${name.padEnd(48)} ratio ${(subject / baseline).toFixed(3)}  (${subject.toFixed(0)} / ${baseline.toFixed(0)} ops/s)\n`)
await emitRows(rows.map(([name, subject, baseline]) => ({
  section: 'crypto', name: `software executor: ${name}`, unit: 'ops/s', target: null, ratio: subject / baseline,
  subject: { label: 'executor', perSec: subject, p50Ms: null, p99Ms: null }, baseline: { label: 'raw node:crypto', perSec: baseline, p50Ms: null, p99Ms: null },
})))
