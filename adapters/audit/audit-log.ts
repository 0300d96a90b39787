import * as E from 'fp-ts/lib/Either.js'
import { EMPTY_ROOT, consistencyPath, type Hash } from '../../domain/audit/merkle.ts'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { checkNote, latestCheckpoint, makeCheckpoint, pushToWitnesses, type MadeCheckpoint } from './checkpoints.ts'
import { loadAuditSigner, type AuditSigner } from './signing-key.ts'
import { auditTreeFor, type OpenedAuditTree } from './tree-for-store.ts'
import type { Witness } from './witness.ts'
import type { AuditTree } from '../../domain/ports/audit-tree.ts'

// The server's side of the verifiable log (docs/verifiable-log.md): the tree of its store, the signing key,
// checkpoints (the scheduler's every 5 minutes by default, or on demand) and proofs for the HTTP actions.
// The signing key is loaded on first use, so a server that never checkpoints never needs one.

export interface KeptCheckpoint {
  readonly note: string
  readonly size: number
  readonly root: Hash
}

export class AuditLog {
  private opened: OpenedAuditTree | undefined
  private signerCache: AuditSigner | undefined

  constructor(private readonly o: { store: EventStore; dataDir: string; env: NodeJS.ProcessEnv; witnesses?: readonly Witness[] }) {}

  get tree(): AuditTree {
    this.opened ??= auditTreeFor(this.o.store, this.o.dataDir)
    return this.opened.tree
  }

  signer(): AuditSigner {
    if (this.signerCache) return this.signerCache
    const s = loadAuditSigner(this.o.dataDir, this.o.env)
    if (E.isLeft(s)) throw new Error(`the audit signing key: ${s.left}`)
    return (this.signerCache = s.right)
  }

  /**
   * The witnesses that have not taken the newest kept checkpoint yet (one was down): the next scheduled run
   * pushes it to them again even when the log did not grow, so a checkpoint does not stay on this machine only
   * because the log went quiet. Not known after a restart: the first run then offers it to every witness (a
   * directory witness keeps one file per checkpoint; an HTTP witness may see it twice).
   */
  private unwitnessed: readonly Witness[] | undefined

  async checkpointNow(now: Date): Promise<MadeCheckpoint> {
    const made = await makeCheckpoint({ tree: this.tree, signer: this.signer(), dataDir: this.o.dataDir, now, witnesses: this.o.witnesses ?? [] })
    this.unwitnessed = this.failedOf(made.witnessed)
    return made
  }

  /**
   * The scheduler's run: a checkpoint when the log grew since the last one; else the kept one again to the
   * witnesses that have not taken it (docs/verifiable-log.md "Witnesses"), else nothing.
   */
  async scheduled(now: Date): Promise<(MadeCheckpoint & { readonly repushed?: true }) | 'unchanged'> {
    await this.tree.catchUp()
    const kept = latestCheckpoint(this.o.dataDir, this.signer())
    if (!kept || kept.checkpoint.size !== this.tree.size()) return this.checkpointNow(now)
    const pending = this.unwitnessed ?? this.o.witnesses ?? []
    if (pending.length === 0) return 'unchanged'
    const witnessed = await pushToWitnesses(pending, kept.note, kept.checkpoint)
    this.unwitnessed = this.failedOf(witnessed)
    return { checkpoint: kept.checkpoint, note: kept.note, file: kept.source, witnessed, repushed: true }
  }

  private failedOf(witnessed: MadeCheckpoint['witnessed']): Witness[] {
    return (this.o.witnesses ?? []).filter((w) => witnessed.some((r) => r.witness === w.name && r.error !== undefined))
  }

  /** The newest checkpoint kept that covers at least `size` leaves, or a new one. */
  async latest(now: Date, size = 0): Promise<KeptCheckpoint> {
    const kept = latestCheckpoint(this.o.dataDir, this.signer())
    if (kept && kept.checkpoint.size >= size) return { note: kept.note, size: kept.checkpoint.size, root: kept.checkpoint.root }
    const made = await this.checkpointNow(now)
    return { note: made.note, size: made.checkpoint.size, root: made.checkpoint.root }
  }

  /** RFC 9162 consistency proof between two sizes the tree has reached. */
  async consistency(first: number, second: number): Promise<E.Either<string, Hash[]>> {
    await this.tree.catchUp()
    const size = this.tree.size()
    if (!(first >= 0 && first <= second && second <= size)) return E.left(`sizes must satisfy 0 ≤ FirstSize ≤ SecondSize ≤ ${size}`)
    return E.right(first === 0 ? [] : consistencyPath(first, second, this.tree.range))
  }

  rootAt(size: number): Hash {
    return size === 0 ? EMPTY_ROOT : this.tree.range(0, size)
  }

  /** Whether a note is a checkpoint this log's key signed. */
  isOwn(note: string): boolean {
    return checkNote('request', note, this.signer().publicKey, this.signer().origin).ok
  }

  close(): void {
    this.opened?.close()
    this.opened = undefined
  }
}
