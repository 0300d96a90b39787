import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { existsSync } from 'node:fs'
import { keyStreamId, keyUsageStreamId, automaticRotationStatus, nextRotationDate } from '../../domain/key/index.ts'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { keyHistory } from '../../projections/audit/history.ts'
import { keyStateAt } from '../../projections/audit/state-at.ts'
import { verifyChains, type StreamHead, type VerifyReport } from '../../projections/audit/verify.ts'
import { readAnchors } from '../readstore/anchor.ts'
import { openDataDirReadStore } from '../../composition/stores.ts'
import { readStorePath, storeTarget, withStore, withStoreOptions, type CliContext, type StoreOptions } from './context.ts'
import { auditStateProof, auditVerifyCheckpoints, registerAuditLog, writeOrPrint } from './audit-log.ts'
import { EXIT } from '../operator-error.ts'
import { CliError, parseFormat, parseInstant, renderTable, terminalCsv, terminalJson, type OutputFormat } from './format.ts'

// `keyledger audit history|state|verify`: what auditors run (docs/architecture.md §1). Each command is a function over an
// EventStore that returns its text, so specs call it in-process; `registerAudit` only parses flags.

export const auditHistory = async (store: EventStore, keyId: string, format: OutputFormat): Promise<string> => {
  const events = [
    ...(await store.readStream(keyStreamId(keyId))),
    ...(await store.readStream(keyUsageStreamId(keyId))),
    ...(await store.readAll({ streamPrefixes: ['alias-'] })),
  ]
  const entries = keyHistory(keyId, events)
  if (entries.length === 0) throw new CliError(`no events for key ${keyId}`)
  if (format === 'json') return terminalJson(entries)
  const rows = entries.map((e) => ({
    When: e.occurredAt, Event: e.type, Detail: e.detail, Who: e.principal, From: e.sourceIp, RequestId: e.requestId,
    Stream: `${e.streamId}@${e.revision}`,
  }))
  const columns = ['When', 'Event', 'Detail', 'Who', 'From', 'RequestId', 'Stream']
  return format === 'csv' ? csv(columns, rows) : renderTable(columns, rows)
}

export const auditState = async (store: EventStore, keyId: string, at: Date, format: OutputFormat): Promise<string> => {
  const folded = keyStateAt(await store.readStream(keyStreamId(keyId)), at)
  if (E.isLeft(folded)) throw new CliError(`event ${folded.left.streamId}@${folded.left.revision} does not decode: ${folded.left.reason}`)
  const s = folded.right
  if (!s.created) throw new CliError(`key ${keyId} did not exist at ${at.toISOString()}`)
  const view = {
    KeyId: s.keyId, Arn: s.arn, KeyState: s.status, KeySpec: s.spec, KeyUsage: s.usage, Origin: s.origin,
    ProtectionLevel: s.protectionLevel, Kind: s.kind, DKMSInstanceId: s.instanceId, Description: s.description,
    Creator: s.creator, CreationDate: s.createdAt, DeleteDate: s.deleteDate,
    DeletionProtection: s.deletionProtection.enabled ? 'Enabled' : 'Disabled',
    AutomaticRotation: automaticRotationStatus(s), RotationIntervalSeconds: s.rotation.intervalSeconds,
    LastRotationDate: s.lastRotationDate, NextRotationDate: nextRotationDate(s), PrimaryKeyVersion: s.primaryVersionId,
    Versions: s.versions.map((v) => v.versionId).join(' '),
    Tags: Object.entries(s.tags).map(([k, v]) => `${k}=${v}`).join(' '),
  }
  if (format === 'json') return terminalJson({ at: at.toISOString(), state: view })
  const rows = Object.entries(view).map(([Field, Value]) => ({ Field, Value: Value === null ? '' : String(Value) }))
  return format === 'csv' ? csv(['Field', 'Value'], rows) : `Key ${keyId} as of ${at.toISOString()}\n${renderTable(['Field', 'Value'], rows)}`
}

export interface VerifyOutcome {
  readonly ok: boolean
  readonly text: string
  readonly report: VerifyReport
}

export const auditVerify = async (
  store: EventStore,
  options: { keyId?: string; anchors?: ReadonlyMap<string, StreamHead> },
  format: OutputFormat
): Promise<VerifyOutcome> => {
  const streams = options.keyId ? [keyStreamId(options.keyId), keyUsageStreamId(options.keyId)] : undefined
  const events = streams ? (await Promise.all(streams.map((s) => store.readStream(s)))).flat() : await store.readAll()
  const anchors = options.anchors && streams
    ? new Map([...options.anchors].filter(([id]) => streams.includes(id)))
    : options.anchors
  const report = verifyChains(events, anchors)
  const ok = report.breaks.length === 0
  if (format === 'json') return { ok, report, text: terminalJson(report) }
  const head = `${report.streams} stream(s), ${report.events} event(s) checked${report.anchored ? ' against the read store anchor' : ' (no anchor: a cut-off tail cannot be detected)'}`
  if (ok) return { ok, report, text: `${head}: every hash chain is intact.` }
  const rows = report.breaks.map((b) => ({ Stream: b.streamId, Revision: b.revision, Position: b.position, Problem: b.kind, Detail: b.detail }))
  const columns = ['Stream', 'Revision', 'Position', 'Problem', 'Detail']
  return { ok, report, text: format === 'csv' ? csv(columns, rows) : `${head}: ${report.breaks.length} stream(s) broken.\n${renderTable(columns, rows)}` }
}

const csv = terminalCsv

export const registerAudit = (program: Command, ctx: CliContext): void => {
  const audit = program.command('audit').description('replay and verify key history')
  withStoreOptions(audit.command('history <keyId>').description("the key's lifecycle and usage events in order"))
    .option('--format <format>', 'table | json | csv', 'table')
    .action(async (keyId: string, o: StoreOptions & { format: string }) => {
      ctx.out(await withStore(ctx, storeTarget(o), (s) => auditHistory(s, keyId, parseFormat(o.format))))
    })
  withStoreOptions(audit.command('state <keyId>').description('the key as it was at an instant, folded from its events')
    .requiredOption('--at <time>', 'ISO-8601 instant'))
    .option('--format <format>', 'table | json | csv', 'table')
    .option('--prove', 'also write a proof (JSON) that the state is the fold of exactly those events, included in a signed checkpoint')
    .option('--out <file>', 'with --prove: the proof file (default: printed after the state)')
    .action(async (keyId: string, o: StoreOptions & { at: string; format: string; prove?: boolean; out?: string }) => {
      const target = storeTarget(o)
      const at = parseInstant(o.at, '--at')
      ctx.out(await withStore(ctx, target, (s) => auditState(s, keyId, at, parseFormat(o.format))))
      if (!o.prove) return
      const proof = await withStore(ctx, target, (s) => auditStateProof(s, target.dataDir, keyId, at, ctx.now()))
      writeOrPrint(ctx, JSON.stringify(proof, null, 2), o.out, 'state proof')
    })
  withStoreOptions(audit.command('verify [keyId]').description('walk the hash chains of all streams, or of one key; with --checkpoint, check the log against signed checkpoints'))
    .option('--no-anchor', 'do not compare with the stream heads the read store recorded')
    .option('--format <format>', 'table | json | csv', 'table')
    // eslint-disable-next-line @typescript-eslint/no-useless-default-assignment -- commander passes undefined as `acc` on the first use (no default value given)
    .option('--checkpoint <file>', 'a checkpoint file or a directory of them (a witness\'s): repeatable', (v: string, acc: string[] = []) => [...acc, v])
    .option('--public-key <file>', 'with --checkpoint: the audit public key the checkpoints must be signed by (default: the data dir\'s)')
    .action(async (keyId: string | undefined, o: StoreOptions & { anchor: boolean; format: string; checkpoint?: string[]; publicKey?: string }) => {
      const target = storeTarget(o)
      const path = readStorePath(target.dataDir)
      let anchors: Map<string, StreamHead> | undefined
      if (o.anchor && existsSync(path)) {
        const rs = openDataDirReadStore(target.dataDir)
        try { anchors = readAnchors(rs) } finally { rs.close() }
      }
      const r = await withStore(ctx, target, (s) => auditVerify(s, { ...(keyId ? { keyId } : {}), ...(anchors ? { anchors } : {}) }, parseFormat(o.format)))
      ctx.out(r.text)
      if (!r.ok) process.exitCode = EXIT.integrity
      if (!o.checkpoint) return
      const c = await withStore(ctx, target, (s) => auditVerifyCheckpoints(s, target.dataDir, o.checkpoint!, o.publicKey))
      ctx.out(c.text)
      if (!c.ok) process.exitCode = EXIT.integrity
    })
  registerAuditLog(audit, ctx)
}
