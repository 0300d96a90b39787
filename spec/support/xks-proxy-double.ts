import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { IncomingMessage, ServerResponse } from 'node:http'
import * as E from 'fp-ts/lib/Either.js'
import type { KeyVersionRef } from '../../domain/ports/crypto-executor.ts'
import type { Pkcs11Executor } from '../../adapters/crypto/pkcs11/executor.ts'
import { ciphertextDataIntegrityValue } from '../../adapters/crypto/xks/executor.ts'
import { sigV4Problem } from './xks-sigv4-verifier.ts'
import type { ThrowawayTls } from './throwaway-ca.ts'

// An XKS proxy in front of an "HSM" (docs/external-keys.md; AWS KMS External Key Store Proxy API v1.0.3,
// github.com/aws/aws-kms-xksproxy-api-spec): HTTPS, SigV4 checked (service kms-xks-proxy), POST-only JSON at
// `/<prefix>/kms/xks/v1/keys/<id>/{metadata,encrypt,decrypt}` and `/health`, the spec's error names and statuses.
// The external keys are AES-256 keys generated on a SoftHSMv2 token through PKCS#11 (the hardware executor
// used as the proxy's HSM driver), so the material never exists outside the token. The AAD given to the token is
// the spec's (2-byte len ‖ AAD ‖ 1-byte len ‖ ciphertextMetadata), and the double returns ciphertextMetadata, so
// keyledger's handling of it is exercised. Knobs for the failure specs: delay, stop/restart, disable, revoke.

export interface XksRequestSeen {
  readonly path: string
  readonly requestMetadata: Record<string, unknown>
}

interface ExternalKey { status: 'ENABLED' | 'DISABLED'; ref: KeyVersionRef }

const METADATA = Buffer.from('kv=1') // what a real proxy might use to name its material's version

const ekmAad = (aad: Buffer, metadata: Buffer): Buffer => {
  const len = Buffer.alloc(2)
  len.writeUInt16BE(aad.length)
  return Buffer.concat([len, aad, Buffer.from([metadata.length]), metadata])
}

export class XksProxyDouble {
  private server: Server | undefined
  private readonly keys = new Map<string, ExternalKey>()
  private readonly secrets = new Map<string, string>()
  /** Milliseconds every answer waits before it is sent (a slow proxy). */
  delayMs = 0
  /** The next Encrypt answer has one ciphertext bit flipped after its CDIV was computed (a corrupting proxy). */
  corruptNextEncrypt = false
  /** Every authenticated request's path and requestMetadata, oldest first (what the proxy would log). */
  readonly seen: XksRequestSeen[] = []
  port = 0

  constructor(private readonly hsm: Pkcs11Executor, private readonly tls: ThrowawayTls, readonly uriPath: string, credential: { accessKeyId: string; secretAccessKey: string }) {
    this.secrets.set(credential.accessKeyId, credential.secretAccessKey)
  }

  get uri(): string {
    return `https://localhost:${this.port}`
  }

  /** Creates an AES-256 key on the token (the external key manager's own API, outside the XKS protocol). */
  async createKey(externalKeyId: string): Promise<void> {
    const ref: KeyVersionRef = { keyId: `key-xks${externalKeyId.replace(/[^a-z0-9]/gi, '').toLowerCase()}`, versionId: '00000000-0000-4000-8000-00000000e001', spec: 'Aliyun_AES_256', kind: 'hardware', instanceId: 'xks-double-hsm' }
    const made = await this.hsm.generate(ref)
    if (E.isLeft(made)) throw new Error(`${made.left.code}: ${made.left.message}`)
    this.keys.set(externalKeyId, { status: 'ENABLED', ref })
  }

  /** The proxy's secret for an access key id (a rotation keyledger was not told of: its signatures stop matching). */
  setSecret(accessKeyId: string, secretAccessKey: string): void {
    this.secrets.set(accessKeyId, secretAccessKey)
  }

  setStatus(externalKeyId: string, status: 'ENABLED' | 'DISABLED'): void {
    this.keys.get(externalKeyId)!.status = status
  }

  /** Revoked: the key is destroyed on the token and unknown to the proxy from now on. */
  async revoke(externalKeyId: string): Promise<void> {
    const k = this.keys.get(externalKeyId)!
    this.keys.delete(externalKeyId)
    await this.hsm.destroy(k.ref.keyId)
  }

  async start(port = this.port): Promise<void> {
    const server = createServer({ key: this.tls.keyPem, cert: this.tls.certPem, minVersion: 'TLSv1.2' }, (req, res) => void this.handle(req, res))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, 'localhost', () => resolve())
    })
    this.server = server
    this.port = (server.address() as AddressInfo).port
  }

  /** Stops answering: open connections are cut (a crashed or restarted proxy). */
  async stop(): Promise<void> {
    const s = this.server
    this.server = undefined
    if (!s) return
    s.closeAllConnections()
    await new Promise<void>((resolve) => s.close(() => resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = Buffer.concat(chunks)
    const answer = await this.answer(req, body)
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs))
    if (res.destroyed) return
    res.writeHead(answer.status, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify(answer.body))
  }

  private async answer(req: IncomingMessage, raw: Buffer): Promise<{ status: number; body: unknown }> {
    const fail = (status: number, errorName: string) => ({ status, body: { errorName } })
    const path = req.url ?? ''
    const base = this.uriPath
    const m = path.startsWith(`${base}/`) ? /^\/(?:keys\/([A-Za-z0-9._-]{1,128})\/(metadata|encrypt|decrypt)|(health))$/.exec(path.slice(base.length)) : null
    if (!m) return fail(404, 'InvalidUriPathException')
    if (req.method !== 'POST') return { status: 405, body: { errorName: 'ValidationException', errorMessage: 'Method Not Allowed' } }
    if (sigV4Problem({ method: 'POST', path, headers: req.headers, body: raw, secrets: this.secrets, now: new Date() }) !== undefined)
      return fail(401, 'AuthenticationFailedException')
    let body: Record<string, unknown>
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>
    } catch {
      return fail(400, 'ValidationException')
    }
    const metaValue: unknown = body['requestMetadata']
    if (typeof metaValue !== 'object' || metaValue === null) return fail(400, 'ValidationException')
    const meta = metaValue as Record<string, unknown>
    if (typeof meta['kmsRequestId'] !== 'string' || typeof meta['kmsOperation'] !== 'string') return fail(400, 'ValidationException')
    this.seen.push({ path: path.slice(base.length), requestMetadata: meta })
    if (m[3] === 'health') return { status: 200, body: this.healthBody() }
    const [, id, op] = m as unknown as [string, string, string]
    if (typeof meta['awsPrincipalArn'] !== 'string' || (op !== 'metadata' && typeof meta['kmsKeyArn'] !== 'string')) return fail(400, 'ValidationException')
    const key = this.keys.get(id)
    if (!key) return fail(404, 'KeyNotFoundException')
    if (op === 'metadata') return { status: 200, body: { keySpec: 'AES_256', keyUsage: ['ENCRYPT', 'DECRYPT'], keyStatus: key.status } }
    if (key.status !== 'ENABLED') return fail(400, 'InvalidStateException')
    if (body['encryptionAlgorithm'] !== 'AES_GCM') return fail(400, 'ValidationException')
    const b64 = (name: string): Buffer | undefined | null => {
      const v = body[name]
      if (v === undefined) return undefined
      return typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v) && v.length % 4 === 0 ? Buffer.from(v, 'base64') : null
    }
    const given = b64('additionalAuthenticatedData')
    if (given === null || (given?.length ?? 0) > 8192) return fail(400, 'ValidationException')
    const aad = given ?? Buffer.alloc(0)
    return op === 'encrypt' ? this.encrypt(key, aad, b64('plaintext'), body['ciphertextDataIntegrityValueAlgorithm']) : this.decrypt(key, aad, b64)
  }

  private async encrypt(key: ExternalKey, aad: Buffer, plaintext: Buffer | undefined | null, cdiv: unknown): Promise<{ status: number; body: unknown }> {
    if (!plaintext || plaintext.length > 4300 || (cdiv !== undefined && cdiv !== 'SHA_256')) return { status: 400, body: { errorName: 'ValidationException' } }
    const sealed = await this.hsm.encrypt(key.ref, plaintext, ekmAad(aad, METADATA))
    if (E.isLeft(sealed)) return { status: 500, body: { errorName: 'InternalException' } }
    const out = { ciphertext: sealed.right.ciphertext, ciphertextMetadata: METADATA, initializationVector: sealed.right.iv, authenticationTag: sealed.right.tag }
    const cdivValue = ciphertextDataIntegrityValue(aad, out).toString('base64')
    if (this.corruptNextEncrypt) {
      this.corruptNextEncrypt = false
      out.ciphertext = Buffer.from(out.ciphertext)
      out.ciphertext[0]! ^= 1
    }
    return {
      status: 200,
      body: {
        ciphertext: out.ciphertext.toString('base64'), ciphertextMetadata: METADATA.toString('base64'),
        initializationVector: out.initializationVector.toString('base64'), authenticationTag: out.authenticationTag.toString('base64'),
        ...(cdiv === 'SHA_256' ? { ciphertextDataIntegrityValue: cdivValue } : {}),
      },
    }
  }

  private async decrypt(key: ExternalKey, aad: Buffer, b64: (name: string) => Buffer | undefined | null): Promise<{ status: number; body: unknown }> {
    const [ciphertext, iv, tag, metadata] = [b64('ciphertext'), b64('initializationVector'), b64('authenticationTag'), b64('ciphertextMetadata')]
    if (!ciphertext || !iv || !tag || metadata === null || (metadata?.length ?? 0) > 20) return { status: 400, body: { errorName: 'ValidationException' } }
    const opened = await this.hsm.decrypt(key.ref, { iv, tag, ciphertext }, ekmAad(aad, metadata ?? Buffer.alloc(0)))
    if (E.isLeft(opened)) return { status: 400, body: { errorName: 'InvalidCiphertextException' } }
    return { status: 200, body: { plaintext: opened.right.toString('base64') } }
  }

  private healthBody(): unknown {
    return {
      xksProxyFleetSize: 1, xksProxyVendor: 'keyledger specs', xksProxyModel: 'XKS proxy double 1.0',
      ekmVendor: 'SoftHSMv2', ekmFleetDetails: [{ id: 'softhsm-token', model: 'SoftHSMv2 via PKCS#11', healthStatus: 'ACTIVE' }],
    }
  }
}

/** A random SigV4 credential of the shape the XKS Proxy API asks for (Appendix A). */
export const xksCredential = (): { accessKeyId: string; secretAccessKey: string } => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  return { accessKeyId: [...randomBytes(24)].map((b) => alphabet[b % 32]).join(''), secretAccessKey: randomBytes(32).toString('base64') }
}
