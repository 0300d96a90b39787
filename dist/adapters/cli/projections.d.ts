import type { Command } from 'commander';
import type { EventStore } from '../../domain/ports/event-store.ts';
import { type RebuildResult } from '../readstore/runner.ts';
import type { SqliteReadStore } from '../readstore/sqlite.ts';
import { type CliContext } from './context.ts';
export declare const rebuildProjections: (store: EventStore, readStore: SqliteReadStore, view: string | undefined, progress: boolean) => Promise<{
    text: string;
    result: RebuildResult;
}>;
export declare const registerProjections: (program: Command, ctx: CliContext) => void;
