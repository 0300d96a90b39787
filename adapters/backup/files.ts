import { ACCESS_KEY_DB_FILE } from '../access-keys/sqlite-store.ts'
import { ACCOUNT_ID_FILE, BOOTSTRAP_KEY_FILE } from '../cli/bootstrap.ts'
import { ROOT_KEY_FILE } from '../root-key.ts'
import { STATUS_FILE } from '../scheduler/job-status.ts'

// What a backup holds of a data dir (docs/operations.md#what-a-backup-holds). The read store is left out on
// purpose: it is folded again from the events at the first start. The lock is the running server's, not data.

export const EVENTS_FILE = 'events.sqlite'
export const VAULT_FILE = 'vault.sqlite'

/** SQLite files, in the order they are copied: events first, so every event's material is in the vault copied after. */
export const SQLITE_FILES = [EVENTS_FILE, VAULT_FILE, ACCESS_KEY_DB_FILE] as const
/** Small files read whole: the account id, the bootstrap access key (its secret in clear: see the docs), the scheduler's status. */
export const PLAIN_FILES = [ACCOUNT_ID_FILE, BOOTSTRAP_KEY_FILE, STATUS_FILE] as const
export { ROOT_KEY_FILE }
