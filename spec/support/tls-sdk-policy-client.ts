import { $kms, kmsClient } from './sdk-clients.ts'
import Pop from '@alicloud/pop-core'

// Run as its own process by spec/adapters/http/policy-conditions.spec.ts (Node reads NODE_EXTRA_CA_CERTS only at
// start): over HTTPS, the official SDK (npm @alicloud/kms20160120 1.2.0) creates a key, then for each policy given
// pop-core (generic RPC: 1.2.0 has no SetKeyPolicy) sets it and the SDK encrypts. Prints one JSON line: each
// Encrypt's outcome, `ok` or the refusal's code.
const [port, id, secret, policiesJson] = process.argv.slice(2) as [string, string, string, string]
const kms = kmsClient(Number(port), { id, secret }, { protocol: 'https' })
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const pop = new (Pop as any).RPCClient({ accessKeyId: id, accessKeySecret: secret, endpoint: `https://127.0.0.1:${port}`, apiVersion: '2016-01-20' })
const req = (name: string, m: Record<string, unknown>) => new $kms[`${name}Request`]!(m)
const codeOf = (e: unknown) => (e as { data?: { Code?: string } }).data?.Code ?? (e as Error).message
try {
  const keyId = (await kms.createKey(req('CreateKey', {}))).keyMetadata.keyId as string
  const outcomes: string[] = []
  for (const policy of JSON.parse(policiesJson) as string[]) {
    await pop.request('SetKeyPolicy', { KeyId: keyId, PolicyName: 'default', Policy: policy }, { method: 'POST' })
    outcomes.push(await kms.encrypt(req('Encrypt', { keyId, plaintext: 'aGVsbG8=' })).then(() => 'ok', codeOf))
  }
  process.stdout.write(`${JSON.stringify({ ok: true, outcomes })}\n`)
} catch (e) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: codeOf(e) })}\n`)
}
