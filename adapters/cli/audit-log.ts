import type { Command } from 'commander'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { KeyObject } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { keyStreamId, keyUsageStreamId } from '../../domain/key/index.ts'
import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { checkLog, type LogCheckReport } from '../../projections/audit/log-check.ts'
import { PROOF_FORMAT, ProofBundle, proveEvents, verifyBundle, type ProvenEvent } from '../../projections/audit/proof-bundle.ts'
import { keyStateAt } from '../../projections/audit/state-at.ts'
import { checkNote, latestCheckpoint, makeCheckpoint, readCheckpointFiles, type MadeCheckpoint } from '../audit/checkpoints.ts'
import { parsePublicKey } from '../audit/note.ts'
import { AUDIT_KEY_FILE, loadAuditSigner, type AuditSigner } from '../audit/signing-key.ts'
import { auditTreeFor } from '../audit/tree-for-store.ts'
import { witnessOf, type Witness } from '../audit/witness.ts'
import { AuditConfig } from '../../composition/config.ts'
import { readConfigFile } from '../../composition/settings.ts'
import { storeTarget, withStore, withStoreOptions, type CliContext, type StoreOptions } from './context.ts'
import { CliError } from './format.ts'
import { EXIT, OperatorError } from '../operator-error.ts'
import { requireDataDir, requireFile } from '../data-dir/guard.ts'
import { ROOT_KEY_FILE } from '../root-key.ts'
import type { Checkpoint } from '../../domain/audit/checkpoint.ts'

// The verifiable log on the command line (docs/verifiable-log.md): public-key, checkpoint, prove, verify-proof,
// and the checkpoint side of `audit verify` and `audit state --prove`. Each is a function over a store and a
// data dir that returns its text, so specs call them in-process; the bin runs them as an auditor would.

/**
 * The data dir's audit signer, as the server has it. A command never invents state (issue 19 #3,
 * docs/operations.md): the data dir and its root key (KMS_ROOT_KEY, else root.key) must exist, or the command
 * stops naming the path; only the signing key itself is made on first use (docs/verifiable-log.md). `existing`:
 * the key must exist too (a verification with a freshly made key would check nothing).
 */
const signerOf = (dataDir: string, env: NodeJS.ProcessEnv, existing = false): AuditSigner => {
  requireDataDir(dataDir)
  if (!env['KMS_ROOT_KEY'])
    requireFile(join(dataDir, ROOT_KEY_FILE), 'root key', 'Set KMS_ROOT_KEY as the server has it, or give the --data-dir (or --config) the server uses')
  if (existing)
    requireFile(join(dataDir, AUDIT_KEY_FILE), 'audit signing key', 'Give --public-key (the key auditors pinned), or run `keyledger audit public-key` on the server\'s data dir to make it')
  const s = loadAuditSigner(dataDir, env)
  if (E.isLeft(s))
    throw new OperatorError('DataDir.AuditSigningKey', `the audit signing key: ${s.left}`,
      'Give the root key the server uses (KMS_ROOT_KEY, or its root.key); a key file altered or from another data dir: restore it from a backup', EXIT.integrity)
  return s.right
}

export const auditPublicKey = (dataDir: string, env: NodeJS.ProcessEnv = process.env): string => {
  const s = signerOf(dataDir, env)
  return [`origin:       ${s.origin}`, `key id:       ${s.keyId}`, `verifier key: ${s.verifierKey}`, '', s.publicKeyPem.trimEnd()].join('\n')
}

export const auditCheckpointNow = async (store: EventStore, dataDir: string, now: Date, witnesses: readonly Witness[] = [], env: NodeJS.ProcessEnv = process.env): Promise<MadeCheckpoint> => {
  const signer = signerOf(dataDir, env)
  const t = auditTreeFor(store, dataDir)
  try {
    return await makeCheckpoint({ tree: t.tree, signer, dataDir, now, witnesses })
  } finally {
    t.close()
  }
}

const publicKeyFrom = (file: string): KeyObject => {
  try {
    return parsePublicKey(readFileSync(file, 'utf8'))
  } catch (e) {
    throw new CliError(`--public-key ${file}: ${(e as Error).message}`)
  }
}

const openCheckpoint = (note: string, key: KeyObject): E.Either<string, Checkpoint> => {
  const c = checkNote('proof', note, key)
  return c.ok ? E.right(c.checkpoint) : E.left(`the checkpoint: ${c.reason}`)
}

export interface CheckpointOutcome {
  readonly ok: boolean
  readonly text: string
  readonly report: LogCheckReport
}

/** `audit verify --checkpoint FILE…`: the log now against checkpoints kept elsewhere (files or directories). */
export const auditVerifyCheckpoints = async (
  store: EventStore, dataDir: string, paths: readonly string[], publicKeyFile: string | undefined, env: NodeJS.ProcessEnv = process.env,
): Promise<CheckpointOutcome> => {
  const key = publicKeyFile ? publicKeyFrom(publicKeyFile) : signerOf(dataDir, env, true).publicKey
  let files: Array<{ source: string; note: string }>
  try {
    files = readCheckpointFiles(paths)
  } catch (e) {
    throw new CliError(`--checkpoint: ${(e as Error).message}`)
  }
  if (files.length === 0) throw new CliError(`--checkpoint: no checkpoint files in ${paths.join(', ')}`)
  const events = await store.readAll()
  const t = auditTreeFor(store, dataDir)
  let report: LogCheckReport
  try {
    await t.tree.catchUp()
    report = checkLog(events, files.map((f) => checkNote(f.source, f.note, key)), t.tree)
  } finally {
    t.close()
  }
  const lines = [`${report.logSize} event(s) in the log, checked against ${files.length} checkpoint(s)${publicKeyFile ? '' : ' (signatures checked with the data dir\'s own key: pin yours with --public-key)'}:`]
  for (const v of report.verdicts) {
    if (v.kind === 'unverified') lines.push(`  ${v.source}: NOT CHECKED, ${v.reason}`)
    else if (v.kind === 'consistent') lines.push(`  ${v.source}: consistent (size ${v.checkpoint.size}, ${v.checkpoint.time ?? 'untimed'}): the log extends it`)
    else if (v.kind === 'changed')
      lines.push(`  ${v.source}: CHANGED (size ${v.checkpoint.size}, ${v.checkpoint.time ?? 'untimed'})${v.first ? `: first change at leaf ${v.first.leafIndex}, position ${v.first.position}, ${v.first.streamId}@${v.first.revision} (${v.first.type})` : ''}: ${v.detail}`)
    else lines.push(`  ${v.source}: TRUNCATED (size ${v.checkpoint.size}, the log has ${v.logSize}): ${v.detail}`)
  }
  for (const f of report.forks) lines.push(`  FORK: ${f.a} and ${f.b} are both signed for ${f.size} events with different roots: two histories were shown`)
  lines.push(report.newestConsistent
    ? `newest checkpoint the log is consistent with: ${report.newestConsistent.source} (size ${report.newestConsistent.checkpoint.size})`
    : 'the log is consistent with none of them')
  const ok = report.forks.length === 0 && report.verdicts.every((v) => v.kind === 'consistent')
  return { ok, report, text: lines.join('\n') }
}

/** The events of a key (its lifecycle and usage streams) with the positions the log gives them. */
const keyEvents = async (store: EventStore, keyId: string, streams = [keyStreamId(keyId), keyUsageStreamId(keyId)]): Promise<RecordedEvent[]> =>
  (await store.readAll({ streamPrefixes: streams })).filter((e) => streams.includes(e.streamId))

/** A checkpoint that covers `events`: the newest kept one when it does, else one made now. */
const coveringCheckpoint = async (store: EventStore, dataDir: string, events: readonly RecordedEvent[], now: Date, env: NodeJS.ProcessEnv) => {
  const signer = signerOf(dataDir, env)
  const t = auditTreeFor(store, dataDir)
  try {
    await t.tree.catchUp()
    const needed = Math.max(0, ...events.map((e) => (t.tree.leafIndexOf(e.position) ?? Infinity) + 1))
    const kept = latestCheckpoint(dataDir, signer)
    const cp = kept && kept.checkpoint.size >= needed && Number.isFinite(needed)
      ? { note: kept.note, size: kept.checkpoint.size }
      : await makeCheckpoint({ tree: t.tree, signer, dataDir, now }).then((m) => ({ note: m.note, size: m.checkpoint.size }))
    const proven = proveEvents(events, cp.size, t.tree.range, (p) => t.tree.leafIndexOf(p))
    if (E.isLeft(proven)) throw new CliError(proven.left)
    return { note: cp.note, proven: proven.right }
  } finally {
    t.close()
  }
}

/** `audit prove KEY`: every event of the key with its inclusion proof against the latest checkpoint. */
export const auditProve = async (store: EventStore, dataDir: string, keyId: string, now: Date, env: NodeJS.ProcessEnv = process.env): Promise<ProofBundle> => {
  const events = await keyEvents(store, keyId)
  if (events.length === 0) throw new CliError(`no events for key ${keyId}`)
  const { note, proven } = await coveringCheckpoint(store, dataDir, events, now, env)
  return { format: PROOF_FORMAT, keyId, checkpoint: note, events: proven }
}

/** `audit state KEY --at TIME --prove`: the key stream up to the instant, and the event after it if any. */
export const auditStateProof = async (store: EventStore, dataDir: string, keyId: string, at: Date, now: Date, env: NodeJS.ProcessEnv = process.env): Promise<ProofBundle> => {
  const stream = keyStreamId(keyId)
  const all = await keyEvents(store, keyId, [stream])
  const upTo = all.findIndex((e) => Date.parse(e.metadata.occurredAt) > at.getTime())
  const prefix = upTo < 0 ? all : all.slice(0, upTo)
  if (prefix.length === 0) throw new CliError(`key ${keyId} did not exist at ${at.toISOString()}`)
  const { note, proven } = await coveringCheckpoint(store, dataDir, upTo < 0 ? prefix : [...prefix, all[upTo]!], now, env)
  return {
    format: PROOF_FORMAT, keyId, checkpoint: note, events: proven.slice(0, prefix.length),
    state: { at: at.toISOString(), streamId: stream, boundary: upTo < 0 ? null : (proven[prefix.length] as ProvenEvent) },
  }
}

/** `audit verify-proof FILE --public-key PEM`: offline, from the file alone. */
export const auditVerifyProof = (text: string, publicKeyText: string): { ok: boolean; text: string } => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { ok: false, text: 'the proof file is not JSON' }
  }
  const b = ProofBundle.decode(parsed)
  if (E.isLeft(b)) return { ok: false, text: `not a ${PROOF_FORMAT} file` }
  let key: KeyObject
  try {
    key = parsePublicKey(publicKeyText)
  } catch (e) {
    throw new CliError(`--public-key: ${(e as Error).message}`)
  }
  const v = verifyBundle(b.right, key, openCheckpoint)
  if (E.isLeft(v)) return { ok: false, text: `PROOF REJECTED: ${v.left}` }
  const cp = v.right.checkpoint
  const lines = [
    `checkpoint ${cp.origin}, size ${cp.size}, ${cp.time ?? 'untimed'}: signature valid`,
    `${v.right.events.length} event(s) of key ${b.right.keyId} included, each stream complete from revision 0:`,
    ...[...v.right.streams].map(([s, r]) => `  ${s}: revisions 0..${r}`),
  ]
  const st = b.right.state
  if (st) {
    const at = new Date(st.at)
    const boundary = st.boundary?.event
    if (v.right.events.some((e) => e.streamId !== st.streamId || Date.parse(e.metadata.occurredAt) > at.getTime()))
      return { ok: false, text: `PROOF REJECTED: an event of the state proof is not of ${st.streamId} at or before ${st.at}` }
    if (boundary && Date.parse(boundary.metadata.occurredAt) <= at.getTime())
      return { ok: false, text: `PROOF REJECTED: the boundary event occurred by ${st.at}: the state leaves it out` }
    const folded = keyStateAt(v.right.events, at)
    if (E.isLeft(folded)) return { ok: false, text: `PROOF REJECTED: an event does not decode: ${folded.left.reason}` }
    const s = folded.right
    lines.push(
      `state of ${b.right.keyId} at ${st.at}, folded here from exactly those events:`,
      `  KeyState ${s.status}, KeySpec ${s.spec}, KeyUsage ${s.usage}, Description ${JSON.stringify(s.description)}, PrimaryKeyVersion ${s.primaryVersionId}`,
      boundary
        ? `  the next event (${boundary.type} at ${boundary.metadata.occurredAt}) is included too and came after ${st.at}`
        : `  no later event of the key is in the checkpoint's proof: absence from a log cannot be proven (docs/verifiable-log.md)`,
    )
  }
  return { ok: true, text: lines.join('\n') }
}

const witnessesFrom = (o: { config?: string; witnessDir?: string[]; witnessUrl?: string[] }): Witness[] => {
  const fromConfig = o.config ? AuditConfig.decode(readConfigFile(o.config)['audit'] ?? {}) : E.right<never, AuditConfig>({})
  if (E.isLeft(fromConfig)) throw new CliError(`${o.config}: "audit" is not {"witnesses":[{"type":"directory","path"}|{"type":"http","url"}]}`)
  return [
    ...(fromConfig.right.witnesses ?? []).map(witnessOf),
    ...(o.witnessDir ?? []).map((path) => witnessOf({ type: 'directory', path })),
    ...(o.witnessUrl ?? []).map((url) => witnessOf({ type: 'http', url })),
  ]
}

const collect = (v: string, acc: string[] = []) => [...acc, v]

export const writeOrPrint = (ctx: CliContext, text: string, out: string | undefined, what: string): void => {
  if (!out) return ctx.out(text)
  writeFileSync(out, text.endsWith('\n') ? text : `${text}\n`)
  ctx.err(`${what} written to ${out}`)
}

export const registerAuditLog = (audit: Command, ctx: CliContext): void => {
  withStoreOptions(audit.command('public-key').description('the audit signing key: origin, key id, verifier key and PEM (give these to auditors)'))
    .action((o: StoreOptions) => ctx.out(auditPublicKey(storeTarget(o).dataDir)))
  withStoreOptions(audit.command('checkpoint').description('sign a checkpoint of the log now (kept in <dataDir>/checkpoints and pushed to witnesses)'))
    .option('--out <file>', 'also write the signed checkpoint to this file')
    .option('--witness-dir <dir>', 'push it to this directory too (repeatable)', collect)
    .option('--witness-url <url>', 'POST it to this witness too (repeatable)', collect)
    .action(async (o: StoreOptions & { out?: string; witnessDir?: string[]; witnessUrl?: string[] }) => {
      const target = storeTarget(o)
      const made = await withStore(ctx, target, (s) => auditCheckpointNow(s, target.dataDir, ctx.now(), witnessesFrom(o)))
      writeOrPrint(ctx, made.note.trimEnd(), o.out, 'checkpoint')
      for (const w of made.witnessed) ctx.err(w.error ? `witness ${w.witness}: NOT pushed: ${w.error}` : `witness ${w.witness}: pushed`)
      if (made.witnessed.some((w) => w.error)) process.exitCode = 1
    })
  withStoreOptions(audit.command('prove <keyId>').description("inclusion proofs of every event of the key against the latest checkpoint (JSON)"))
    .option('--out <file>', 'write the proof file here instead of stdout')
    .action(async (keyId: string, o: StoreOptions & { out?: string }) => {
      const target = storeTarget(o)
      const b = await withStore(ctx, target, (s) => auditProve(s, target.dataDir, keyId, ctx.now()))
      writeOrPrint(ctx, JSON.stringify(b, null, 2), o.out, `proof of ${b.events.length} event(s)`)
    })
  audit.command('verify-proof <file>').description('check a proof file offline: needs only the file and the public key')
    .requiredOption('--public-key <file>', 'the audit public key (PEM, or the verifier key line of `audit public-key`)')
    .action((file: string, o: { publicKey: string }) => {
      const r = auditVerifyProof(readFileSync(file, 'utf8'), readFileSync(o.publicKey, 'utf8'))
      ctx.out(r.text)
      if (!r.ok) process.exitCode = EXIT.integrity
    })
}

