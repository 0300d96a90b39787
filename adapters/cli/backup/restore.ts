import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { StoreConfig } from '../../../composition/config.ts'
import { openDataDirEventStore } from '../../../composition/event-store.ts'
import { EventStoreFile, KeyVaultFile } from '../../../composition/stores.ts'
import * as tar from 'tar'
import { auditVerify } from '../audit.ts'
import { checkMaterial } from '../../data-dir/material-check.ts'
import { lockDataDir } from '../../data-dir/guard.ts'
import { LOCK_FILE } from '../../data-dir/lock.ts'
import { EXIT, OperatorError } from '../../operator-error.ts'
import { decodeRootKey } from '../../root-key.ts'
import { unsealRootKey } from '../../root-seal/unseal.ts'
import { SqliteWrappedVault } from '../../vault/sqlite-wrapped-rows.ts'
import { BACKUP_FILE_NAMES, EVENTS_FILE, ROOT_KEY_FILE, VAULT_FILE } from './files.ts'
import { MANIFEST_FILE, Manifest, rootKeyFingerprint, sha256File } from './manifest.ts'

// `keyledger restore FILE --data-dir DIR` (docs/operations.md#backup-and-restore), after `etcdutl snapshot
// restore`: nothing lands in DIR until every check passed. Unpacked beside DIR's files, then checked: every
// SHA-256 of the manifest; the root key (KMS_ROOT_KEY, a root.key put in DIR beforehand, or the one in the
// backup) matches the recorded fingerprint and opens the vault; `audit verify` passes on the events; every live
// key version has its material. Then the files are moved into DIR.

export interface RestoreOptions {
  readonly file: string
  readonly dataDir: string
  readonly env: NodeJS.ProcessEnv
  readonly warn: (line: string) => void
  /** The restored server's store (from --config): an EventStoreDB backup's events are checked there. */
  readonly store?: StoreConfig
}

export interface RestoreReport {
  readonly dataDir: string
  readonly keys: number
  readonly versions: number
  readonly events: number
  readonly lastPosition: number
  readonly files: readonly string[]
  readonly rootKeyFrom: string
  readonly eventStore: 'sqlite' | 'esdb'
  /** EventStoreDB only: the store's head when it was checked (undefined: no --config, not checked). */
  readonly storeHead?: number
}

const integrity = (code: string, what: string, todo: string) => new OperatorError(code, what, todo, EXIT.integrity)

/** DIR may not exist, or hold only a root.key the operator put there (and our own lock). */
const checkTarget = (dir: string): void => {
  if (!existsSync(dir)) return
  const other = readdirSync(dir).filter((n) => n !== ROOT_KEY_FILE && n !== LOCK_FILE)
  if (other.length > 0)
    throw new OperatorError('Restore.TargetNotEmpty', `${dir} is not empty (${other.slice(0, 3).join(', ')}${other.length > 3 ? ', …' : ''})`,
      'Restore into a new or empty directory (it may hold only the root.key): a restore never overwrites a data dir', EXIT.dataDir)
}

const readManifest = (stage: string): Manifest => {
  let u: unknown
  try {
    u = JSON.parse(readFileSync(join(stage, MANIFEST_FILE), 'utf8'))
  } catch {
    throw integrity('Restore.NoManifest', `the archive has no readable ${MANIFEST_FILE}`, 'Is this a keyledger backup? It is made by keyledger backup')
  }
  const m = Manifest.decode(u)
  if (E.isLeft(m)) throw integrity('Restore.BadManifest', `${MANIFEST_FILE} is not a keyledger backup manifest (format 1)`, 'A newer keyledger may have made it: restore with that version')
  return m.right
}

const checkHashes = async (stage: string, m: Manifest): Promise<void> => {
  // A name is a path joined to the stage and to DIR: only the names a backup makes, never `../…` or `/…`.
  const foreign = m.files.find((f) => !BACKUP_FILE_NAMES.has(f.name))
  if (foreign) throw integrity('Restore.BadManifest', `${MANIFEST_FILE} lists ${JSON.stringify(foreign.name)}, which is not a file keyledger backs up`, 'The archive was altered: use another backup')
  const listed = new Set(m.files.map((f) => f.name))
  const extra = readdirSync(stage).filter((n) => n !== MANIFEST_FILE && !listed.has(n))
  if (extra.length) throw integrity('Restore.UnlistedFile', `the archive holds ${extra[0]}, which its manifest does not list`, 'The archive was altered: use another backup')
  for (const f of m.files) {
    const path = join(stage, f.name)
    if (!existsSync(path)) throw integrity('Restore.MissingFile', `the archive lacks ${f.name}, which its manifest lists`, 'The archive is incomplete: use another backup')
    const sha = await sha256File(path)
    if (sha !== f.sha256) throw integrity('Restore.HashMismatch', `${f.name} does not match its SHA-256 in the manifest (${sha} is not ${f.sha256})`, 'The archive was damaged or altered: use another backup')
  }
}

const rootKeyFor = (dir: string, stage: string, m: Manifest, env: NodeJS.ProcessEnv): { key: Buffer; from: string } => {
  const candidates: { text: string; from: string }[] = []
  if (env['KMS_ROOT_KEY']) candidates.push({ text: env['KMS_ROOT_KEY'], from: 'KMS_ROOT_KEY' })
  else if (existsSync(join(dir, ROOT_KEY_FILE))) candidates.push({ text: readFileSync(join(dir, ROOT_KEY_FILE), 'utf8'), from: join(dir, ROOT_KEY_FILE) })
  else if (m.rootKey.included) candidates.push({ text: readFileSync(join(stage, ROOT_KEY_FILE), 'utf8'), from: 'the backup (--include-root-key)' })
  const c = candidates[0]
  if (!c) throw new OperatorError('Restore.NoRootKey', `no root key: the backup needs the root key with fingerprint ${m.rootKey.fingerprint}`,
    `Set KMS_ROOT_KEY, or put the root key file at ${join(dir, ROOT_KEY_FILE)} (mode 0600), as the server will have it`, EXIT.dataDir)
  // A sealed root.key (passphrase or token) opens with the secrets the server will be given (adapters/root-seal/).
  const key = unsealRootKey(c.text, c.from, env, (text) => decodeRootKey(text, c.from))
  if (E.isLeft(key)) throw new OperatorError('Restore.BadRootKey', `${key.left.message} (${key.left.code})`, '', EXIT.dataDir)
  const fp = rootKeyFingerprint(key.right)
  if (fp !== m.rootKey.fingerprint)
    throw integrity('Restore.WrongRootKey', `the root key from ${c.from} has fingerprint ${fp}; the backup needs ${m.rootKey.fingerprint}`, 'Give the root key of the server the backup was taken from')
  return { key: key.right, from: c.from }
}

/**
 * An EventStoreDB backup holds no events: they are restored with EventStoreDB's own procedure first. With the
 * restored server's --config the store is checked to reach the backup's position (a store restored from an older
 * copy than the archive would leave keys and access without their history) and its chains verified.
 */
const checkEsdbStore = async (m: Manifest, o: RestoreOptions): Promise<number | undefined> => {
  if (o.store?.type !== 'esdb') {
    o.warn(`note: Restore.StoreNotChecked: the events are in EventStoreDB; give --config with the restored server's store to check it reaches position ${m.eventStore.lastPosition}`)
    return undefined
  }
  const store = await openDataDirEventStore(o.dataDir, o.store)
  try {
    const head = await store.headPosition()
    if (head < m.eventStore.lastPosition)
      throw integrity('Restore.StoreBehind', `the EventStoreDB at ${o.store.url} ends at position ${head}, before the backup's ${m.eventStore.lastPosition}`,
        'Restore an EventStoreDB backup taken after this archive first (docs/operations.md#eventstoredb)')
    const verified = await auditVerify(store, {}, 'table')
    if (!verified.ok) throw integrity('Restore.AuditFailed', `audit verify fails on the EventStoreDB's events: ${verified.text.split('\n')[0]}`, 'Restore another EventStoreDB backup')
    return head
  } finally {
    await store.close()
  }
}

export const restoreBackup = async (o: RestoreOptions): Promise<RestoreReport> => {
  const file = resolve(o.file)
  const dir = resolve(o.dataDir)
  if (!existsSync(file)) throw new OperatorError('Restore.NoArchive', `no backup at ${file}`, '', EXIT.dataDir)
  checkTarget(dir)
  const created = !existsSync(dir)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  let restored = false
  const lock = lockDataDir(dir, 'restore', o.warn)
  const stage = join(dir, `.restore-${randomBytes(6).toString('hex')}`)
  try {
    mkdirSync(stage, { mode: 0o700 })
    try {
      await tar.extract({ file, cwd: stage, strict: true, preservePaths: false })
    } catch (e) {
      throw integrity('Restore.UnreadableArchive', `${file} is not a readable gzip'd tar archive (${(e as Error).message})`, 'Use another backup')
    }
    const m = readManifest(stage)
    await checkHashes(stage, m)
    const root = rootKeyFor(dir, stage, m, o.env)
    const names = m.files.map((f) => f.name)
    let keys = 0
    let versions = 0
    if (names.includes(VAULT_FILE)) {
      const vault = KeyVaultFile.open(join(stage, VAULT_FILE), root.key)
      if (E.isLeft(vault)) throw integrity('Config.WrongRootKey', `the root key from ${root.from} does not open the vault in the backup`, 'Give the root key of the server the backup was taken from')
      await vault.right.close()
    }
    if (names.includes(EVENTS_FILE)) {
      const events = await EventStoreFile.open(join(stage, EVENTS_FILE))
      try {
        const head = await events.headPosition()
        if (head !== m.eventStore.lastPosition)
          throw integrity('Restore.PositionMismatch', `the events end at position ${head}, the manifest says ${m.eventStore.lastPosition}`, 'Use another backup')
        const verified = await auditVerify(events, {}, 'table')
        if (!verified.ok) throw integrity('Restore.AuditFailed', `audit verify fails on the backup's events: ${verified.text.split('\n')[0]}`, 'Use another backup')
        if (names.includes(VAULT_FILE)) {
          const vault = SqliteWrappedVault.open(join(stage, VAULT_FILE), { mustExist: true })
          try {
            const checked = await checkMaterial(events, vault, (s) => s.kind !== 'hardware')
            if (E.isLeft(checked)) throw integrity('Restore.UnreadableEvents', checked.left, 'Use another backup')
            const first = checked.right.missing[0]
            if (first) throw integrity('DataDir.MissingMaterial', `the backup's vault lacks the material of key ${first.keyId} version ${first.versionId}`, 'Use another backup')
            keys = checked.right.keys
            versions = checked.right.versions
          } finally {
            await vault.close()
          }
        }
      } finally {
        await events.close()
      }
    }
    const storeHead = m.eventStore.type === 'esdb' ? await checkEsdbStore(m, o) : undefined
    root.key.fill(0)
    // Every check passed: move the files in. root.key from the backup only when the operator gave none.
    for (const name of names) {
      if (name === ROOT_KEY_FILE && (o.env['KMS_ROOT_KEY'] || existsSync(join(dir, ROOT_KEY_FILE)))) continue
      renameSync(join(stage, name), join(dir, name))
      chmodSync(join(dir, name), 0o600)
    }
    restored = true
    if (m.rootKey.included && !o.env['KMS_ROOT_KEY']) o.warn(`note: the root key came with the backup and is now ${join(dir, ROOT_KEY_FILE)} (0600)`)
    return {
      dataDir: dir, keys, versions, events: m.eventStore.events, lastPosition: m.eventStore.lastPosition, files: names,
      rootKeyFrom: root.from, eventStore: m.eventStore.type, ...(storeHead === undefined ? {} : { storeHead }),
    }
  } finally {
    rmSync(stage, { recursive: true, force: true })
    lock.release()
    // A refused restore leaves no new, empty data dir behind for a later command to mistake for a real one.
    if (!restored && created) try { rmdirSync(dir) } catch { /* not empty: leave it */ }
  }
}

/** What `keyledger restore` prints: what came back, and what to run next. */
export const restoreSummary = (r: RestoreReport): string => [
  `restored ${r.keys} key(s), ${r.versions} live key version(s) and ${r.events} event(s) (up to position ${r.lastPosition}) into ${r.dataDir}`,
  `files: ${r.files.join(', ')}; root key from ${r.rootKeyFrom}; audit verify: every hash chain is intact`,
  ...(r.eventStore === 'esdb'
    ? [r.storeHead === undefined
        ? 'the events are in EventStoreDB: restore its own backup first (docs/operations.md#eventstoredb)'
        : `the EventStoreDB reaches position ${r.storeHead} (the backup's is ${r.lastPosition}); audit verify: its hash chains are intact`]
    : []),
  `start the server with: keyledger serve --data-dir ${r.dataDir}`,
].join('\n')

