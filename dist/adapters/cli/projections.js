import { lockDataDir, requireDataDir } from "../data-dir/guard.js";
import { SingleBar, Presets } from 'cli-progress';
import { allViews } from "../../projections/views/index.js";
import { ProjectionRunner } from "../readstore/runner.js";
import { openDataDirReadStore } from "../../composition/stores.js";
import { storeTarget, withStore, withStoreOptions } from "./context.js";
import { CliError } from "./format.js";
// `keyledger projections rebuild [VIEW]`: drop a view (or all) and fold the whole log into it again. Run it
// with the server stopped, or the server's runner and this one race on the same checkpoints.
export const rebuildProjections = async (store, readStore, view, progress) => {
    if (view && !allViews.some((v) => v.name === view))
        throw new CliError(`no view named ${view}; views: ${allViews.map((v) => v.name).join(', ')}`);
    const runner = new ProjectionRunner({ store, readStore, views: allViews, batchSize: 2000 });
    const bar = progress ? new SingleBar({ format: 'rebuild [{bar}] {percentage}% | {value}/{total} events | {eta_formatted}' }, Presets.shades_classic) : undefined;
    let started = false;
    const result = await runner.rebuild(view, (p) => {
        if (bar && !started) {
            bar.start(p.total, 0);
            started = true;
        }
        bar?.update(p.done);
    });
    bar?.stop();
    const rate = result.ms > 0 ? Math.round(result.events / (result.ms / 1000)) : result.events;
    return { result, text: `rebuilt ${result.views.join(', ')}: ${result.events} events in ${(result.ms / 1000).toFixed(2)} s (${rate} events/s)` };
};
export const registerProjections = (program, ctx) => {
    const p = program.command('projections').description('read models');
    withStoreOptions(p.command('rebuild [view]').description(`drop and refold a view (${allViews.map((v) => v.name).join(', ')}) or all`))
        .action(async (view, o) => {
        const target = storeTarget(o);
        requireDataDir(target.dataDir);
        // The read store is the server's to write: never rebuilt under a running server.
        const lock = lockDataDir(target.dataDir, 'projections rebuild', ctx.err);
        try {
            await rebuild(target, view);
        }
        finally {
            lock.release();
        }
    });
    const rebuild = (target, view) => withStore(ctx, target, async (store) => {
        const rs = openDataDirReadStore(target.dataDir);
        try {
            ctx.out((await rebuildProjections(store, rs, view, ctx.progress)).text);
        }
        finally {
            rs.close();
        }
    });
};
