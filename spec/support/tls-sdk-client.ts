import { $kms, kmsClient } from './sdk-clients.ts'

// Run as its own process by spec/adapters/http/tls.spec.ts: the official SDK (npm @alicloud/kms20160120 1.2.0)
// with `protocol: 'https'`, trusting whatever NODE_EXTRA_CA_CERTS names (Node reads it only at start, hence a
// process). Prints one JSON line: what the calls returned, or the error.
const [port, id, secret] = process.argv.slice(2) as [string, string, string]
const kms = kmsClient(Number(port), { id, secret }, { protocol: 'https' })
const req = (name: string, m: Record<string, unknown>) => new $kms[`${name}Request`]!(m)
try {
  const keyId = (await kms.createKey(req('CreateKey', {}))).keyMetadata.keyId as string
  const ct = (await kms.encrypt(req('Encrypt', { keyId, plaintext: 'aGVsbG8gdGxz' }))).ciphertextBlob as string
  const pt = (await kms.decrypt(req('Decrypt', { ciphertextBlob: ct }))).plaintext as string
  process.stdout.write(`${JSON.stringify({ ok: true, keyId, plaintext: pt })}\n`)
} catch (e) {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion, @typescript-eslint/no-unnecessary-condition -- the SDK may throw a non-Error, whose `message` is missing
  process.stdout.write(`${JSON.stringify({ ok: false, error: String((e as Error).message ?? e) })}\n`)
}
