import * as E from 'fp-ts/lib/Either.js';
import { complianceReport, REPORT_NAMES } from "../../projections/reports/index.js";
import { storeTarget, withStore, withStoreOptions } from "./context.js";
import { CliError, parseFormat, parseInstant, renderReport } from "./format.js";
export const runReport = async (store, a) => {
    const r = complianceReport(a.name, {
        events: await store.readAll(), now: a.now,
        ...(a.at ? { at: a.at } : {}), ...(a.days !== undefined ? { days: a.days } : {}), ...(a.requireTags ? { requireTags: a.requireTags } : {}),
    });
    if (E.isLeft(r))
        throw new CliError(r.left.message);
    return { text: renderReport(r.right, a.format), table: r.right };
};
export const registerReport = (program, ctx) => {
    withStoreOptions(program.command('report <name>').description(`compliance report: ${REPORT_NAMES.join(', ')}`))
        .option('--at <time>', 'evaluate as of this ISO-8601 instant (default: now)')
        .option('--days <n>', 'unused: days without a call', '90')
        .option('--require-tag <keys>', 'missing-tags: comma-separated tag keys every key must carry')
        .option('--format <format>', 'table | json | csv', 'table')
        .action(async (name, o) => {
        const days = Number(o.days);
        const args = {
            name, now: ctx.now(), days, format: parseFormat(o.format),
            ...(o.at ? { at: parseInstant(o.at, '--at') } : {}),
            ...(o.requireTag ? { requireTags: o.requireTag.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
        };
        ctx.out((await withStore(ctx, storeTarget(o), (s) => runReport(s, args))).text);
    });
};
