import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../domain/errors.ts'
import { XksExecutor } from '../adapters/crypto/xks/executor.ts'
import type { InstanceConfig } from './config.ts'

// External instances (docs/external-keys.md): one XKS executor per instance, its SigV4 secret from the
// environment variable the config names (or the config itself), never logged.

/** AWS KMS waits 250 ms; keyledger allows more by default (a proxy across a WAN, a slow HSM), still never a hang. */
export const DEFAULT_XKS_TIMEOUT_MS = 2000

const configError = (instanceId: string, message: string): KmsError => ({ code: 'Config.Xks', httpStatus: 500, message: `instance ${instanceId}: ${message}` })

export const openXksExecutor = (i: InstanceConfig, env: NodeJS.ProcessEnv, region: string): E.Either<KmsError, XksExecutor> => {
  const x = i.xks
  if (!x) return E.left(configError(i.instanceId, 'an external instance needs "xks"'))
  const secret = x.secretAccessKeyEnv === undefined ? x.secretAccessKey : env[x.secretAccessKeyEnv]
  if (!secret) return E.left(configError(i.instanceId, `the environment variable ${x.secretAccessKeyEnv ?? '(none)'} (its XKS proxy SigV4 secret) is not set`))
  let ca: string | undefined
  try {
    ca = x.caFile === undefined ? undefined : readFileSync(x.caFile, 'utf8')
  } catch (e) {
    return E.left(configError(i.instanceId, `xks.caFile ${x.caFile} cannot be read (${(e as Error).message})`))
  }
  return E.right(new XksExecutor(i.instanceId, {
    uri: x.uri, uriPath: x.uriPath, accessKeyId: x.accessKeyId, secretAccessKey: secret,
    region: x.region ?? region, timeoutMs: x.timeoutMs ?? DEFAULT_XKS_TIMEOUT_MS, ...(ca !== undefined ? { ca } : {}),
  }))
}
