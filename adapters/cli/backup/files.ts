import { DATA_DIR_FILES } from '../../../composition/data-dir.ts'

// What a backup holds of a data dir (docs/operations.md#backup-and-restore), by the names of the data dir's
// layout (composition/data-dir.ts). The read store is left out on purpose: it is folded again from the events at
// the first start. The lock is the running server's, not data.

export const EVENTS_FILE = DATA_DIR_FILES.events
export const VAULT_FILE = DATA_DIR_FILES.vault
export const ROOT_KEY_FILE = DATA_DIR_FILES.rootKey

/**
 * SQLite files, in the order they are copied: events first, so every event's material is in the vault copied after.
 * The nonce journal too: without it, a request signed in the replay window before the backup could be replayed
 * once to the restored server (an attacker on the network who kept a copy of it).
 */
export const SQLITE_FILES = [DATA_DIR_FILES.events, DATA_DIR_FILES.vault, DATA_DIR_FILES.accessKeys, DATA_DIR_FILES.nonces] as const
/**
 * Small files read whole: the account id, the bootstrap access key (its secret in clear: see the docs), the
 * scheduler's status, and the audit signing key (wrapped under the root key): without it a restored server signs
 * with a new key under a new log name, and every auditor's pinned key stops checking its checkpoints.
 */
export const PLAIN_FILES = [DATA_DIR_FILES.accountId, DATA_DIR_FILES.bootstrapKey, DATA_DIR_FILES.schedulerStatus, DATA_DIR_FILES.auditSigningKey] as const

/** Every name a backup may hold: restore refuses a manifest listing any other (a name is a path: `../x` would leave the data dir). */
export const BACKUP_FILE_NAMES: ReadonlySet<string> = new Set<string>([...SQLITE_FILES, ...PLAIN_FILES, ROOT_KEY_FILE])
