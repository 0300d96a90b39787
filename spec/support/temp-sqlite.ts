import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh directory for one SQLite event store file; `remove()` deletes it with its WAL and SHM files. */
export const tempStoreFile = (): { path: string; remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-store-'))
  return { path: join(dir, 'events.db'), remove: () => rmSync(dir, { recursive: true, force: true }) }
}
