import { createHash, createHmac } from 'node:crypto'
import { createReadStream, readFileSync } from 'node:fs'
import * as t from 'io-ts'
import { packagePath } from '../../package-root.ts'

// The manifest of a keyledger backup (docs/operations.md#backup-and-restore): what is in the archive, the
// SHA-256 of every file, where the events ended, and which root key opens the vault (a fingerprint: never the key).

export const MANIFEST_FILE = 'manifest.json'
export const BACKUP_FORMAT = 'keyledger-backup'

export const BackupFile = t.type({
  name: t.string,
  /** sqlite: copied through SQLite's online backup API; file: read whole. */
  kind: t.keyof({ sqlite: null, file: null }),
  bytes: t.number,
  sha256: t.string,
})
export type BackupFile = t.TypeOf<typeof BackupFile>

export const Manifest = t.type({
  format: t.literal(BACKUP_FORMAT),
  formatVersion: t.literal(1),
  createdAt: t.string,
  keyledgerVersion: t.string,
  host: t.string,
  dataDir: t.string,
  eventStore: t.type({
    type: t.keyof({ sqlite: null, esdb: null }),
    /** The position of the last event in the backup (EventStoreDB: the head when the backup was taken). */
    lastPosition: t.number,
    events: t.number,
  }),
  rootKey: t.type({ fingerprint: t.string, included: t.boolean }),
  files: t.array(BackupFile),
})
export type Manifest = t.TypeOf<typeof Manifest>

/**
 * Names the root key without revealing it: HMAC-SHA-256 keyed by the root key over a fixed label, first 16
 * bytes. Without the key nobody can compute it; with a candidate key anyone can check it is the one.
 */
export const rootKeyFingerprint = (rootKey: Buffer): string =>
  createHmac('sha256', rootKey).update('keyledger/root-key-fingerprint/v1').digest('hex').slice(0, 32)

export const sha256File = (path: string): Promise<string> => new Promise((resolve, reject) => {
  const h = createHash('sha256')
  createReadStream(path).on('data', (d) => h.update(d)).on('error', reject).on('end', () => resolve(h.digest('hex')))
})

export const keyledgerVersion = (): string =>
  (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version
