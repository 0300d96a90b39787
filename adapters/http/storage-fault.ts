import type { KmsError } from '../../domain/errors.ts'

// Issue 13 item 10: a full disk, a read-only or vanished data dir, an I/O error. The request is refused with the
// API's `ServiceUnavailableTemporary` (503: an SDK retries it) instead of a 500 that reads as a bug; SQLite has
// rolled the transaction back, so nothing half-written stays, and the next request after space returns succeeds.
// The log keeps the cause (the fault), the caller gets no detail of the host's disks.

const STORAGE = /SQLITE_(FULL|IOERR|READONLY|CANTOPEN)|\bE(NOSPC|ROFS|DQUOT|IO)\b|database or disk is full|no space left on device|disk I\/O error|attempt to write a readonly database|read-only file system|unable to open database file/i

/** Whether `e` (a thrown fault, or an InternalFailure carrying one's cause) is the storage refusing to write. */
export const isStorageFault = (e: unknown): boolean => {
  for (let cur: unknown = e, depth = 0; cur !== undefined && cur !== null && depth < 5; depth++) {
    if (typeof cur === 'string') return STORAGE.test(cur)
    if (typeof cur !== 'object') return false
    const o = cur as { code?: unknown; message?: unknown; cause?: unknown }
    if (typeof o.code === 'string' && STORAGE.test(o.code)) return true
    if (typeof o.message === 'string' && STORAGE.test(o.message)) return true
    cur = o.cause
  }
  return false
}

export const storageUnavailable = (): KmsError => ({
  code: 'ServiceUnavailableTemporary', httpStatus: 503,
  message: 'The service cannot store data right now (its storage is full or unavailable); retry later.',
})
