import { EventStoreDBClient, StreamNotFoundError } from '@eventstore/db-client'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { startApp, type App } from '../../composition/app.ts'
import type { AppConfig } from '../../composition/config.ts'
import type { Clock } from '../../domain/ports/clock.ts'
import * as E from 'fp-ts/lib/Either.js'
import { KEY_A, testConfig } from './api-server.ts'
import { $kms, kmsClient } from './sdk-clients.ts'

// keyledger nodes on one EventStoreDB (the in-process double): each with its own data dir (status file, stored
// access keys), all with the same KMS_ROOT_KEY, the store and the vault in the double.

export interface EsdbNode { readonly app: App; readonly dataDir: string; close(): Promise<void> }

export const startEsdbNode = async (
  connectionString: string, rootKey: string, o: { config?: Partial<AppConfig>; clock?: Clock } = {}
): Promise<EsdbNode> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-node-'))
  const app = await startApp(testConfig({ dataDir, store: { type: 'esdb', url: connectionString }, ...o.config }), {
    logger: pino({ level: process.env['NODE_LOG'] ?? 'silent' }), env: { KMS_ROOT_KEY: rootKey }, ...(o.clock ? { clock: o.clock } : {}),
  })
  return {
    app, dataDir,
    close: async () => {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export const newRootKey = (): string => randomBytes(32).toString('base64')

/** A stream's event types as the bare client reads them from the server ([] when there is none). */
export const streamTypes = async (client: EventStoreDBClient, stream: string): Promise<string[]> => {
  const out: string[] = []
  try {
    for await (const r of client.readStream(stream)) if (r.event) out.push(r.event.type)
  } catch (e) {
    if (e instanceof StreamNotFoundError) return []
    throw e
  }
  return out
}

export const eventually = async (check: () => Promise<boolean>, what: string, ms = 5000): Promise<void> => {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/**
 * Encrypt/Decrypt on a node through its HTTP API with the official SDK (npm 1.2.0), as the root of the test
 * account; answers as Either so specs can assert refusals by code (1.2.0 reports `<Code>Error`).
 */
export const cryptoOn = (node: EsdbNode) => {
  const kms = kmsClient(node.app.api.port, KEY_A)
  const req = (name: string, m: Record<string, unknown>) => new $kms[`${name}Request`]!(m)
  const attempt = async <A>(p: Promise<A>): Promise<E.Either<{ code: string }, A>> => {
    try {
      return E.right(await p)
    } catch (e) {
      return E.left({ code: ((e as { code?: string }).code ?? '').replace(/Error$/, '') })
    }
  }
  return {
    encrypt: (keyId: string, plaintext: Buffer) =>
      attempt<{ ciphertextBlob: string }>(kms.encrypt(req('Encrypt', { keyId, plaintext: plaintext.toString('base64') }))),
    decrypt: async (ciphertextBlob: string) =>
      E.map((r: { plaintext: string }) => ({ plaintext: Buffer.from(r.plaintext, 'base64') }))(
        await attempt<{ plaintext: string }>(kms.decrypt(req('Decrypt', { ciphertextBlob })))),
  }
}
