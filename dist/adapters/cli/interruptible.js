export const runInterruptibly = async (job, out, err) => {
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    const opened = [];
    try {
        const summary = await job.run(abort.signal, job.progress?.update, opened);
        job.progress?.stop();
        out.write(summary);
        return 0;
    }
    catch (e) {
        job.progress?.stop();
        if (abort.signal.aborted) {
            err.write('interrupted: what was copied stays; run the same command again to resume\n');
            return 130;
        }
        if (job.refusals.some((r) => e instanceof r)) {
            err.write(`${e.message}\n`);
            return 1;
        }
        err.write(`${job.what} failed: ${e instanceof Error ? e.message : String(e)}\n`);
        return 1;
    }
    finally {
        process.off('SIGINT', onSigint);
        await Promise.allSettled(opened.map(async (o) => o.close()));
    }
};
