/**
 * How a wait for the read store ended: the views reached the position, the wait timed out, or the projection
 * runner has failed (docs/architecture.md "Read side").
 */
export type ReadWait = 'reached' | 'timeout' | 'failed';
