import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { complianceReport, REPORT_NAMES, type ReportTable } from '../../projections/reports/index.ts'
import { storeTarget, withStore, withStoreOptions, type CliContext, type StoreOptions } from './context.ts'
import { CliError, parseFormat, parseInstant, renderReport, type OutputFormat } from './format.ts'

// `keyledger report NAME [--at TIME] [--format table|json|csv]`: compliance reports folded from the events
// alone, so `--at` shows what was true then, not what the read store says now.

export interface ReportArgs {
  readonly name: string
  readonly at?: Date
  readonly now: Date
  readonly days?: number
  readonly requireTags?: readonly string[]
  readonly format: OutputFormat
}

export const runReport = async (store: EventStore, a: ReportArgs): Promise<{ text: string; table: ReportTable }> => {
  const r = complianceReport(a.name, {
    events: await store.readAll(), now: a.now,
    ...(a.at ? { at: a.at } : {}), ...(a.days !== undefined ? { days: a.days } : {}), ...(a.requireTags ? { requireTags: a.requireTags } : {}),
  })
  if (E.isLeft(r)) throw new CliError(r.left.message)
  return { text: renderReport(r.right, a.format), table: r.right }
}

export const registerReport = (program: Command, ctx: CliContext): void => {
  withStoreOptions(program.command('report <name>').description(`compliance report: ${REPORT_NAMES.join(', ')}`))
    .option('--at <time>', 'evaluate as of this ISO-8601 instant (default: now)')
    .option('--days <n>', 'unused: days without a call', '90')
    .option('--require-tag <keys>', 'missing-tags: comma-separated tag keys every key must carry')
    .option('--format <format>', 'table | json | csv', 'table')
    .action(async (name: string, o: StoreOptions & { at?: string; days: string; requireTag?: string; format: string }) => {
      const days = Number(o.days)
      const args: ReportArgs = {
        name, now: ctx.now(), days, format: parseFormat(o.format),
        ...(o.at ? { at: parseInstant(o.at, '--at') } : {}),
        ...(o.requireTag ? { requireTags: o.requireTag.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
      }
      ctx.out((await withStore(ctx, storeTarget(o), (s) => runReport(s, args))).text)
    })
}
