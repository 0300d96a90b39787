import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { formatCheckpoint, parseCheckpoint, type Checkpoint } from '../../domain/audit/checkpoint.ts'
import { EMPTY_ROOT } from '../../domain/audit/merkle.ts'
import type { AuditTree } from '../../domain/ports/audit-tree.ts'
import type { KeyObject } from 'node:crypto'
import { openNote } from './note.ts'
import type { AuditSigner } from './signing-key.ts'
import { checkpointFileName, directoryWitness, type Witness } from './witness.ts'

// Signed checkpoints (docs/verifiable-log.md): the tree's size and root now, signed, kept in
// `<dataDir>/checkpoints/` (one file per checkpoint) and pushed to every witness.

export const CHECKPOINT_DIR = 'checkpoints'

export interface MadeCheckpoint {
  readonly checkpoint: Checkpoint
  /** The signed note, as written to the file. */
  readonly note: string
  readonly file: string
  readonly witnessed: ReadonlyArray<{ readonly witness: string; readonly error?: string }>
}

export interface CheckpointDeps {
  readonly tree: AuditTree
  readonly signer: AuditSigner
  readonly dataDir: string
  readonly now: Date
  readonly witnesses?: readonly Witness[]
}

export const makeCheckpoint = async (d: CheckpointDeps): Promise<MadeCheckpoint> => {
  await d.tree.catchUp()
  const size = d.tree.size()
  const checkpoint: Checkpoint = { origin: d.signer.origin, size, root: size === 0 ? EMPTY_ROOT : d.tree.range(0, size), time: d.now.toISOString() }
  const note = d.signer.signNote(formatCheckpoint(checkpoint))
  const dir = join(d.dataDir, CHECKPOINT_DIR)
  await directoryWitness(dir).push(note, checkpoint) // the data dir keeps its own, like a witness would
  const witnessed = await pushToWitnesses(d.witnesses ?? [], note, checkpoint)
  return { checkpoint, note, file: join(dir, checkpointFileName(checkpoint)), witnessed }
}

/** Pushes a signed checkpoint to each witness; a witness that fails is reported with why, never thrown. */
export const pushToWitnesses = (witnesses: readonly Witness[], note: string, checkpoint: Checkpoint): Promise<MadeCheckpoint['witnessed']> =>
  Promise.all(witnesses.map(async (w) => {
    try {
      await w.push(note, checkpoint)
      return { witness: w.name }
    } catch (e) {
      return { witness: w.name, error: e instanceof Error ? e.message : String(e) }
    }
  }))

export type CheckedNote =
  | { readonly ok: true; readonly source: string; readonly note: string; readonly checkpoint: Checkpoint }
  | { readonly ok: false; readonly source: string; readonly reason: string }

/** A checkpoint note whose signature `publicKey` verifies, parsed; else why not. */
export const checkNote = (source: string, note: string, publicKey: KeyObject, origin?: string): CheckedNote => {
  const opened = openNote(note, publicKey)
  if (!opened.ok) return { ok: false, source, reason: opened.reason }
  const c = parseCheckpoint(opened.text)
  if (typeof c === 'string') return { ok: false, source, reason: c }
  if (origin !== undefined && c.origin !== origin) return { ok: false, source, reason: `it is a checkpoint of another log (${c.origin})` }
  return { ok: true, source, note, checkpoint: c }
}

/** Checkpoint files given as files or directories (every `*.checkpoint` in them). */
export const readCheckpointFiles = (paths: readonly string[]): Array<{ source: string; note: string }> =>
  paths.flatMap((p) => {
    let names: string[] | undefined
    try {
      names = readdirSync(p).filter((n) => n.endsWith('.checkpoint')).sort()
    } catch {
      names = undefined
    }
    return names ? names.map((n) => ({ source: join(p, n), note: readFileSync(join(p, n), 'utf8') })) : [{ source: p, note: readFileSync(p, 'utf8') }]
  })

/** The data dir's newest checkpoint that its own key signed (largest size, then latest time), if any. */
export const latestCheckpoint = (dataDir: string, signer: AuditSigner): Extract<CheckedNote, { ok: true }> | undefined => {
  let files: Array<{ source: string; note: string }>
  try {
    files = readCheckpointFiles([join(dataDir, CHECKPOINT_DIR)])
  } catch {
    return undefined
  }
  const good = files.map((f) => checkNote(f.source, f.note, signer.publicKey, signer.origin)).filter((c): c is Extract<CheckedNote, { ok: true }> => c.ok)
  return good.sort((a, b) => a.checkpoint.size - b.checkpoint.size || (a.checkpoint.time ?? '').localeCompare(b.checkpoint.time ?? '')).at(-1)
}
