import { readFileSync } from 'node:fs'
import { createSecureContext } from 'node:tls'
import type { TlsFiles } from './server.ts'

// TLS for the API (issue 13, item 8): a PEM certificate chain and its private key, named by KMS_TLS_CERT and
// KMS_TLS_KEY (or the configuration's `tls`). Read at start and again on SIGHUP, so a renewed certificate
// (certbot, an internal CA) takes effect without a restart; a pair that does not load keeps the old one.

export interface TlsPaths { readonly cert: string; readonly key: string }

/** The paths from the environment (both or neither), else the configuration's; undefined: plain HTTP. */
export const tlsPathsOf = (env: NodeJS.ProcessEnv, configured: TlsPaths | undefined): TlsPaths | undefined => {
  const cert = env['KMS_TLS_CERT']
  const key = env['KMS_TLS_KEY']
  if ((cert === undefined) !== (key === undefined)) throw new Error('KMS_TLS_CERT and KMS_TLS_KEY go together: set both or neither')
  return cert !== undefined && key !== undefined ? { cert, key } : configured
}

/** Reads and checks the pair (the key must match the certificate); throws naming the file at fault. */
export const loadTlsFiles = (paths: TlsPaths): TlsFiles => {
  const read = (what: string, path: string) => {
    try {
      return readFileSync(path)
    } catch (e) {
      throw new Error(`cannot read the TLS ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)
    }
  }
  const files = { cert: read('certificate', paths.cert), key: read('private key', paths.key) }
  try {
    createSecureContext(files)
  } catch (e) {
    throw new Error(`the TLS certificate ${paths.cert} and key ${paths.key} do not load together: ${e instanceof Error ? e.message : String(e)}`)
  }
  return files
}

/** Whether only this machine can reach the address: 127.0.0.0/8, ::1, localhost. */
export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '::ffff:127.0.0.1'
