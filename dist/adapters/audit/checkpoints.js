import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCheckpoint, parseCheckpoint } from "../../domain/audit/checkpoint.js";
import { EMPTY_ROOT } from "../../domain/audit/merkle.js";
import { openNote } from "./note.js";
import { checkpointFileName, directoryWitness } from "./witness.js";
// Signed checkpoints (docs/verifiable-log.md): the tree's size and root now, signed, kept in
// `<dataDir>/checkpoints/` (one file per checkpoint) and pushed to every witness.
export const CHECKPOINT_DIR = 'checkpoints';
export const makeCheckpoint = async (d) => {
    await d.tree.catchUp();
    const size = d.tree.size();
    const checkpoint = { origin: d.signer.origin, size, root: size === 0 ? EMPTY_ROOT : d.tree.range(0, size), time: d.now.toISOString() };
    const note = d.signer.signNote(formatCheckpoint(checkpoint));
    const dir = join(d.dataDir, CHECKPOINT_DIR);
    await directoryWitness(dir).push(note, checkpoint); // the data dir keeps its own, like a witness would
    const witnessed = await Promise.all((d.witnesses ?? []).map(async (w) => {
        try {
            await w.push(note, checkpoint);
            return { witness: w.name };
        }
        catch (e) {
            return { witness: w.name, error: e instanceof Error ? e.message : String(e) };
        }
    }));
    return { checkpoint, note, file: join(dir, checkpointFileName(checkpoint)), witnessed };
};
/** A checkpoint note whose signature `publicKey` verifies, parsed; else why not. */
export const checkNote = (source, note, publicKey, origin) => {
    const opened = openNote(note, publicKey);
    if (!opened.ok)
        return { ok: false, source, reason: opened.reason };
    const c = parseCheckpoint(opened.text);
    if (typeof c === 'string')
        return { ok: false, source, reason: c };
    if (origin !== undefined && c.origin !== origin)
        return { ok: false, source, reason: `it is a checkpoint of another log (${c.origin})` };
    return { ok: true, source, note, checkpoint: c };
};
/** Checkpoint files given as files or directories (every `*.checkpoint` in them). */
export const readCheckpointFiles = (paths) => paths.flatMap((p) => {
    let names;
    try {
        names = readdirSync(p).filter((n) => n.endsWith('.checkpoint')).sort();
    }
    catch {
        names = undefined;
    }
    return names ? names.map((n) => ({ source: join(p, n), note: readFileSync(join(p, n), 'utf8') })) : [{ source: p, note: readFileSync(p, 'utf8') }];
});
/** The data dir's newest checkpoint that its own key signed (largest size, then latest time), if any. */
export const latestCheckpoint = (dataDir, signer) => {
    let files;
    try {
        files = readCheckpointFiles([join(dataDir, CHECKPOINT_DIR)]);
    }
    catch {
        return undefined;
    }
    const good = files.map((f) => checkNote(f.source, f.note, signer.publicKey, signer.origin)).filter((c) => c.ok);
    return good.sort((a, b) => a.checkpoint.size - b.checkpoint.size || (a.checkpoint.time ?? '').localeCompare(b.checkpoint.time ?? '')).at(-1);
};
