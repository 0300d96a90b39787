import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// A throwaway CA and one server certificate for `localhost` (and 127.0.0.1), made with the openssl CLI as
// spec/adapters/http/tls.spec.ts does, for specs whose client must really check a server's certificate.

export interface ThrowawayTls {
  readonly caPem: string
  readonly caFile: string
  readonly certPem: string
  readonly keyPem: string
  remove(): void
}

export const throwawayTls = (): ThrowawayTls => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-ca-'))
  const f = (name: string) => join(dir, name)
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' })
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'),
    '-days', '1', '-subj', '/CN=keyledger throwaway CA')
  openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('server.key'), '-out', f('server.csr'),
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1')
  openssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '1',
    '-copy_extensions', 'copyall', '-out', f('server.pem'))
  return {
    caPem: readFileSync(f('ca.pem'), 'utf8'), caFile: f('ca.pem'),
    certPem: readFileSync(f('server.pem'), 'utf8'), keyPem: readFileSync(f('server.key'), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
