import { writeAppend } from "./write-append.js";
/** Bounds one transaction, so a burst does not hold the write lock for long. */
export const MAX_APPENDS_PER_TRANSACTION = 1000;
/**
 * Group commit: appends queued together are written in one transaction with one fsync (synchronous=FULL). Each
 * append checks its own expected revision and runs in its own savepoint, so one failing append does not fail
 * the others. Returns only after COMMIT returned: every outcome it reports is durable. Throws when the
 * transaction itself failed (busy, disk full, I/O error): then nothing of the group is written.
 */
export const commitGroup = (st, group) => {
    const settled = [];
    let wrote = false;
    try {
        st.begin.run();
        for (const request of group) {
            st.savepoint.run();
            try {
                const r = writeAppend(st, request);
                st.release.run();
                wrote ||= r.wrote;
                settled.push({ outcome: r.outcome });
            }
            catch (error) {
                st.rollbackTo.run();
                st.release.run();
                settled.push({ error });
            }
        }
        st.commit.run();
    }
    catch (e) {
        try {
            st.rollback();
        }
        catch {
            // SQLite may already have rolled back on its own (e.g. SQLITE_FULL); the group's failure is what we report
        }
        throw e;
    }
    return { settled, wrote };
};
