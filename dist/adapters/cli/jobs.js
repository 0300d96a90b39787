import Table from 'cli-table3';
import { readStatusFile, statusFilePath } from "../scheduler/job-status.js";
import { summary } from "../scheduler/scheduler.js";
import { requireDataDir } from "../data-dir/guard.js";
import { storeTarget, withStoreOptions } from "./context.js";
import { EXIT, OperatorError } from "../operator-error.js";
// `keyledger jobs status`: what the server's scheduler did last and when it runs next. The server writes its
// status into the data dir after every run (adapters/scheduler/job-status.ts); this command only reads it.
const lastRunText = (j) => {
    if (!j.lastRun)
        return j.lastError ? `failed at ${j.lastError.at}: ${j.lastError.message}` : 'not run yet';
    const r = j.lastRun;
    const lines = [`${r.finishedAt}: ${summary(r)}`];
    for (const d of r.done)
        lines.push(`  ${d.keyId}: ${d.what}`);
    for (const f of r.failed)
        lines.push(`  ${f.keyId}: ${f.code}: ${f.message}`);
    if (j.lastError)
        lines.push(`last failed run ${j.lastError.at}: ${j.lastError.message}`);
    return lines.join('\n');
};
export const renderStatus = (s) => {
    const table = new Table({ head: ['Job', 'Schedule', 'Next run', 'Runs', 'Last run'], style: { head: [], border: [] } });
    for (const j of s.jobs)
        table.push([j.job, j.schedule, j.nextRun ?? (s.running ? '-' : 'stopped'), String(j.runs), lastRunText(j)]);
    const head = [`Scheduler on ${s.node}: ${s.running ? 'running' : 'stopped'}, status of ${s.updatedAt}`];
    if (s.rotationUnit !== 'day')
        head.push(`WARNING: rotation intervals count ${s.rotationUnit}s instead of days (KMS_ROTATION_UNIT): tests and demos only`);
    return `${head.join('\n')}\n${table.toString()}\n`;
};
export const registerJobs = (program) => {
    const jobs = program.command('jobs').description('The scheduler: automatic rotation, deletion after the pending window, expiry of imported material, shredding of deleted material.');
    const status = jobs
        .command('status')
        .description("Show each job's next run and what its last run did (read from the server's data dir).")
        .option('--json', 'print the status as JSON');
    withStoreOptions(status)
        .action(async (opts) => {
        const dir = storeTarget(opts).dataDir;
        requireDataDir(dir);
        const path = statusFilePath(dir);
        const read = await readStatusFile(path);
        if (read.kind === 'missing')
            throw new OperatorError('DataDir.FileMissing', `no scheduler status at ${path}`, 'The server has not started its scheduler with this data dir: start `keyledger serve` on it', EXIT.dataDir);
        if (read.kind === 'invalid')
            throw new OperatorError('DataDir.Unreadable', `the scheduler status at ${path} cannot be read (${read.why})`, 'It is rewritten after the next scheduler run', EXIT.dataDir);
        process.stdout.write(opts.json ? JSON.stringify(read.status, null, 2) + '\n' : renderStatus(read.status));
    });
};
