import type { Checkpoint } from '../../domain/audit/checkpoint.ts'
import { entryLeafHash, entryOf } from '../../domain/audit/leaf.ts'
import { memoryRange, rootOfRange, type Hash } from '../../domain/audit/merkle.ts'
import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import type { AuditTree } from '../../domain/ports/audit-tree.ts'

// `audit verify --checkpoint` (docs/verifiable-log.md "Verifying"): the log as it is NOW, every leaf recomputed
// from the events' content (nothing stored is trusted), against signed checkpoints kept elsewhere. A checkpoint
// the log extends is consistent; otherwise the first leaf that changed is named. Naming it needs the leaves the
// checkpoint committed to: the stored tree has them, and is used only when its own root at the checkpoint's size
// IS the signed root (so it cannot mislead); a forger who rewrote the stored tree too is still detected, but
// the changed event cannot then be located from the data dir alone.

export interface EventAt {
  readonly leafIndex: number
  readonly position: number
  readonly streamId: string
  readonly revision: number
  readonly type: string
}

export type CheckpointVerdict =
  | { readonly kind: 'consistent'; readonly source: string; readonly checkpoint: Checkpoint }
  | { readonly kind: 'changed'; readonly source: string; readonly checkpoint: Checkpoint; readonly first: EventAt | null; readonly detail: string }
  | { readonly kind: 'truncated'; readonly source: string; readonly checkpoint: Checkpoint; readonly logSize: number; readonly missingPosition: number | null; readonly detail: string }
  | { readonly kind: 'unverified'; readonly source: string; readonly reason: string }

export interface Fork {
  readonly a: string
  readonly b: string
  readonly size: number
}

export interface LogCheckReport {
  readonly logSize: number
  readonly verdicts: readonly CheckpointVerdict[]
  /** Two validly signed checkpoints of one size with different roots: the log showed two histories. */
  readonly forks: readonly Fork[]
  /** The newest checkpoint (largest size, then latest time) the log is consistent with. */
  readonly newestConsistent: Extract<CheckpointVerdict, { kind: 'consistent' }> | null
}

export type Candidate = { readonly ok: true; readonly source: string; readonly checkpoint: Checkpoint } | { readonly ok: false; readonly source: string; readonly reason: string }

export const recomputedLeaves = (events: readonly RecordedEvent[]): Hash[] => events.map((e) => entryLeafHash(entryOf(e)))

export const checkLog = (events: readonly RecordedEvent[], candidates: readonly Candidate[], stored?: AuditTree): LogCheckReport => {
  const leaves = recomputedLeaves(events)
  const range = memoryRange(leaves)
  const eventAt = (i: number): EventAt => {
    const e = events[i]!
    return { leafIndex: i, position: e.position, streamId: e.streamId, revision: e.revision, type: e.type }
  }
  const verdicts = candidates.map((c): CheckpointVerdict => {
    if (!c.ok) return { kind: 'unverified', source: c.source, reason: c.reason }
    const cp = c.checkpoint
    if (cp.size <= leaves.length && rootOfRange(range, cp.size).equals(cp.root)) return { kind: 'consistent', source: c.source, checkpoint: cp }
    const trusted = stored && stored.size() >= cp.size && rootOfRange(stored.range, cp.size).equals(cp.root)
    if (!trusted) {
      const detail = 'the log no longer matches this checkpoint, and the stored tree was rewritten as well: the changed event cannot be located from this data dir (compare with a backup)'
      return cp.size > leaves.length
        ? { kind: 'truncated', source: c.source, checkpoint: cp, logSize: leaves.length, missingPosition: null, detail }
        : { kind: 'changed', source: c.source, checkpoint: cp, first: null, detail }
    }
    const committed = stored.leafHashes(0, cp.size)
    const upTo = Math.min(cp.size, leaves.length)
    for (let i = 0; i < upTo; i++) {
      if (!leaves[i]!.equals(committed[i]!)) {
        const e = eventAt(i)
        const was = stored.leafPosition(i)
        return {
          kind: 'changed', source: c.source, checkpoint: cp, first: e,
          detail: was === e.position
            ? `the event at position ${e.position} (${e.streamId}@${e.revision}, ${e.type}) is not the one the checkpoint committed to`
            : `leaf ${i} was the event at position ${was}; the log now has ${e.streamId}@${e.revision} (position ${e.position}) there: events were removed, inserted or moved`,
        }
      }
    }
    const missingPosition = stored.leafPosition(leaves.length) ?? null
    return {
      kind: 'truncated', source: c.source, checkpoint: cp, logSize: leaves.length, missingPosition,
      detail: `the checkpoint has ${cp.size} events, the log ${leaves.length}: events from position ${missingPosition ?? '?'} on were cut off`,
    }
  })
  const forks: Fork[] = []
  const ok = candidates.filter((c): c is Extract<Candidate, { ok: true }> => c.ok)
  for (let i = 0; i < ok.length; i++)
    for (let j = i + 1; j < ok.length; j++)
      if (ok[i]!.checkpoint.size === ok[j]!.checkpoint.size && !ok[i]!.checkpoint.root.equals(ok[j]!.checkpoint.root))
        forks.push({ a: ok[i]!.source, b: ok[j]!.source, size: ok[i]!.checkpoint.size })
  const consistent = verdicts.filter((v): v is Extract<CheckpointVerdict, { kind: 'consistent' }> => v.kind === 'consistent')
  const newestConsistent = consistent.sort((a, b) => a.checkpoint.size - b.checkpoint.size || (a.checkpoint.time ?? '').localeCompare(b.checkpoint.time ?? '')).at(-1) ?? null
  return { logSize: leaves.length, verdicts, forks, newestConsistent }
}
