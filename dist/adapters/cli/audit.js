import * as E from 'fp-ts/lib/Either.js';
import { existsSync } from 'node:fs';
import { keyStreamId, keyUsageStreamId, automaticRotationStatus, nextRotationDate } from "../../domain/key/index.js";
import { keyHistory } from "../../projections/audit/history.js";
import { keyStateAt } from "../../projections/audit/state-at.js";
import { verifyChains } from "../../projections/audit/verify.js";
import { readAnchors } from "../readstore/anchor.js";
import { openDataDirReadStore } from "../../composition/stores.js";
import { readStorePath, storeTarget, withStore, withStoreOptions } from "./context.js";
import { auditStateProof, auditVerifyCheckpoints, registerAuditLog, writeOrPrint } from "./audit-log.js";
import { EXIT } from "../operator-error.js";
import { CliError, parseFormat, parseInstant, renderTable, terminalCsv, terminalJson } from "./format.js";
// `keyledger audit history|state|verify`: what auditors run (docs/architecture.md §1). Each command is a function over an
// EventStore that returns its text, so specs call it in-process; `registerAudit` only parses flags.
export const auditHistory = async (store, keyId, format) => {
    const events = [
        ...(await store.readStream(keyStreamId(keyId))),
        ...(await store.readStream(keyUsageStreamId(keyId))),
        ...(await store.readAll({ streamPrefixes: ['alias-'] })),
    ];
    const entries = keyHistory(keyId, events);
    if (entries.length === 0)
        throw new CliError(`no events for key ${keyId}`);
    if (format === 'json')
        return terminalJson(entries);
    const rows = entries.map((e) => ({
        When: e.occurredAt, Event: e.type, Detail: e.detail, Who: e.principal, From: e.sourceIp, RequestId: e.requestId,
        Stream: `${e.streamId}@${e.revision}`,
    }));
    const columns = ['When', 'Event', 'Detail', 'Who', 'From', 'RequestId', 'Stream'];
    return format === 'csv' ? csv(columns, rows) : renderTable(columns, rows);
};
export const auditState = async (store, keyId, at, format) => {
    const folded = keyStateAt(await store.readStream(keyStreamId(keyId)), at);
    if (E.isLeft(folded))
        throw new CliError(`event ${folded.left.streamId}@${folded.left.revision} does not decode: ${folded.left.reason}`);
    const s = folded.right;
    if (!s.created)
        throw new CliError(`key ${keyId} did not exist at ${at.toISOString()}`);
    const view = {
        KeyId: s.keyId, Arn: s.arn, KeyState: s.status, KeySpec: s.spec, KeyUsage: s.usage, Origin: s.origin,
        ProtectionLevel: s.protectionLevel, Kind: s.kind, DKMSInstanceId: s.instanceId, Description: s.description,
        Creator: s.creator, CreationDate: s.createdAt, DeleteDate: s.deleteDate,
        DeletionProtection: s.deletionProtection.enabled ? 'Enabled' : 'Disabled',
        AutomaticRotation: automaticRotationStatus(s), RotationIntervalSeconds: s.rotation.intervalSeconds,
        LastRotationDate: s.lastRotationDate, NextRotationDate: nextRotationDate(s), PrimaryKeyVersion: s.primaryVersionId,
        Versions: s.versions.map((v) => v.versionId).join(' '),
        Tags: Object.entries(s.tags).map(([k, v]) => `${k}=${v}`).join(' '),
    };
    if (format === 'json')
        return terminalJson({ at: at.toISOString(), state: view });
    const rows = Object.entries(view).map(([Field, Value]) => ({ Field, Value: Value === null ? '' : String(Value) }));
    return format === 'csv' ? csv(['Field', 'Value'], rows) : `Key ${keyId} as of ${at.toISOString()}\n${renderTable(['Field', 'Value'], rows)}`;
};
export const auditVerify = async (store, options, format) => {
    const streams = options.keyId ? [keyStreamId(options.keyId), keyUsageStreamId(options.keyId)] : undefined;
    const events = streams ? (await Promise.all(streams.map((s) => store.readStream(s)))).flat() : await store.readAll();
    const anchors = options.anchors && streams
        ? new Map([...options.anchors].filter(([id]) => streams.includes(id)))
        : options.anchors;
    const report = verifyChains(events, anchors);
    const ok = report.breaks.length === 0;
    if (format === 'json')
        return { ok, report, text: terminalJson(report) };
    const head = `${report.streams} stream(s), ${report.events} event(s) checked${report.anchored ? ' against the read store anchor' : ' (no anchor: a cut-off tail cannot be detected)'}`;
    if (ok)
        return { ok, report, text: `${head}: every hash chain is intact.` };
    const rows = report.breaks.map((b) => ({ Stream: b.streamId, Revision: b.revision, Position: b.position, Problem: b.kind, Detail: b.detail }));
    const columns = ['Stream', 'Revision', 'Position', 'Problem', 'Detail'];
    return { ok, report, text: format === 'csv' ? csv(columns, rows) : `${head}: ${report.breaks.length} stream(s) broken.\n${renderTable(columns, rows)}` };
};
const csv = terminalCsv;
export const registerAudit = (program, ctx) => {
    const audit = program.command('audit').description('replay and verify key history');
    withStoreOptions(audit.command('history <keyId>').description("the key's lifecycle and usage events in order"))
        .option('--format <format>', 'table | json | csv', 'table')
        .action(async (keyId, o) => {
        ctx.out(await withStore(ctx, storeTarget(o), (s) => auditHistory(s, keyId, parseFormat(o.format))));
    });
    withStoreOptions(audit.command('state <keyId>').description('the key as it was at an instant, folded from its events')
        .requiredOption('--at <time>', 'ISO-8601 instant'))
        .option('--format <format>', 'table | json | csv', 'table')
        .option('--prove', 'also write a proof (JSON) that the state is the fold of exactly those events, included in a signed checkpoint')
        .option('--out <file>', 'with --prove: the proof file (default: printed after the state)')
        .action(async (keyId, o) => {
        const target = storeTarget(o);
        const at = parseInstant(o.at, '--at');
        ctx.out(await withStore(ctx, target, (s) => auditState(s, keyId, at, parseFormat(o.format))));
        if (!o.prove)
            return;
        const proof = await withStore(ctx, target, (s) => auditStateProof(s, target.dataDir, keyId, at, ctx.now()));
        writeOrPrint(ctx, JSON.stringify(proof, null, 2), o.out, 'state proof');
    });
    withStoreOptions(audit.command('verify [keyId]').description('walk the hash chains of all streams, or of one key; with --checkpoint, check the log against signed checkpoints'))
        .option('--no-anchor', 'do not compare with the stream heads the read store recorded')
        .option('--format <format>', 'table | json | csv', 'table')
        // eslint-disable-next-line @typescript-eslint/no-useless-default-assignment -- commander passes undefined as `acc` on the first use (no default value given)
        .option('--checkpoint <file>', 'a checkpoint file or a directory of them (a witness\'s): repeatable', (v, acc = []) => [...acc, v])
        .option('--public-key <file>', 'with --checkpoint: the audit public key the checkpoints must be signed by (default: the data dir\'s)')
        .action(async (keyId, o) => {
        const target = storeTarget(o);
        const path = readStorePath(target.dataDir);
        let anchors;
        if (o.anchor && existsSync(path)) {
            const rs = openDataDirReadStore(target.dataDir);
            try {
                anchors = readAnchors(rs);
            }
            finally {
                rs.close();
            }
        }
        const r = await withStore(ctx, target, (s) => auditVerify(s, { ...(keyId ? { keyId } : {}), ...(anchors ? { anchors } : {}) }, parseFormat(o.format)));
        ctx.out(r.text);
        if (!r.ok)
            process.exitCode = EXIT.integrity;
        if (!o.checkpoint)
            return;
        const c = await withStore(ctx, target, (s) => auditVerifyCheckpoints(s, target.dataDir, o.checkpoint, o.publicKey));
        ctx.out(c.text);
        if (!c.ok)
            process.exitCode = EXIT.integrity;
    });
    registerAuditLog(audit, ctx);
};
