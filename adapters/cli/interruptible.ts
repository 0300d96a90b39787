/**
 * How the copy commands run: Ctrl-C aborts between steps (exit 130, and what was copied stays, so running the
 * same command again resumes), expected refusals print their message alone (exit 1), anything else prints
 * "<what> failed: …" (exit 1), and whatever the work opened is closed in every case.
 */
export interface Interruptible<P> {
  /** Used in the failure line: "copy failed: …". */
  readonly what: string
  /** Error classes whose message is the whole answer (a refusal, not a fault). */
  readonly refusals: ReadonlyArray<abstract new (...args: never[]) => Error>
  readonly progress?: { update: (p: P) => void; stop: () => void } | undefined
  /** Does the work; registers what it opens in `opened`; returns the summary to print. */
  run(signal: AbortSignal, onProgress: ((p: P) => void) | undefined, opened: Array<{ close(): unknown }>): Promise<string>
}

export const runInterruptibly = async <P>(job: Interruptible<P>, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> => {
  const abort = new AbortController()
  const onSigint = () => abort.abort()
  process.once('SIGINT', onSigint)
  const opened: Array<{ close(): unknown }> = []
  try {
    const summary = await job.run(abort.signal, job.progress?.update, opened)
    job.progress?.stop()
    out.write(summary)
    return 0
  } catch (e) {
    job.progress?.stop()
    if (abort.signal.aborted) {
      err.write('interrupted: what was copied stays; run the same command again to resume\n')
      return 130
    }
    if (job.refusals.some((r) => e instanceof r)) {
      err.write(`${(e as Error).message}\n`)
      return 1
    }
    err.write(`${job.what} failed: ${e instanceof Error ? e.message : String(e)}\n`)
    return 1
  } finally {
    process.off('SIGINT', onSigint)
    await Promise.allSettled(opened.map(async (o) => o.close()))
  }
}
