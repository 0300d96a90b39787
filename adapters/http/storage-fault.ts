import { unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
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

export type StorageTrouble = 'full' | 'read-only' | 'failing'

const FULL = /SQLITE_FULL|\bE(NOSPC|DQUOT)\b|database or disk is full|no space left on device/i
const READ_ONLY = /SQLITE_READONLY|\bEROFS\b|attempt to write a readonly database|read-only file system/i

/** Which trouble a storage fault is, from the words the OS and SQLite use (an I/O error: `failing`). */
export const storageTrouble = (e: unknown): StorageTrouble => {
  const texts: string[] = []
  for (let cur: unknown = e, depth = 0; cur !== undefined && cur !== null && depth < 5; depth++) {
    if (typeof cur === 'string') {
      texts.push(cur)
      break
    }
    if (typeof cur !== 'object') break
    const o = cur as { code?: unknown; message?: unknown; cause?: unknown }
    if (typeof o.code === 'string') texts.push(o.code)
    if (typeof o.message === 'string') texts.push(o.message)
    cur = o.cause
  }
  const all = texts.join('\n')
  return FULL.test(all) ? 'full' : READ_ONLY.test(all) ? 'read-only' : 'failing'
}

const TROUBLE: Record<StorageTrouble, string> = {
  full: 'its storage is full',
  'read-only': 'its storage is read-only',
  // A disk the kernel remounts read-only after an error (ext4 errors=remount-ro) reaches SQLite as an I/O error.
  failing: 'its storage refused a write (an I/O error: a failing disk, or one the system made read-only)',
}

/**
 * 503 naming the trouble in fixed words (`forCaller`: no path, no fault text), so an operator reading a client's
 * error knows where to look; the log has the fault itself.
 */
export const storageUnavailable = (fault?: unknown): KmsError => ({
  code: 'ServiceUnavailableTemporary', httpStatus: 503, forCaller: true,
  message: `The service cannot store data right now: ${TROUBLE[fault === undefined ? 'failing' : storageTrouble(fault)]}. Reads are still served; retry writes later.`,
})

/**
 * /readyz's `storage` check: 'ok', or what stops writes to the data dir ('read-only', 'full', or the errno). A
 * real write (a probe file made and removed), not access(2): a disk the kernel stopped after an error (ext4's
 * emergency read-only) still passes access() on recent kernels but refuses every write.
 */
export const dataDirWritable = (dataDir: string): string => {
  const probe = join(dataDir, `.ready-probe-${process.pid}`)
  try {
    writeFileSync(probe, 'k', { mode: 0o600 })
    unlinkSync(probe)
    return 'ok'
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return code === 'EROFS' ? 'read-only' : code === 'ENOSPC' || code === 'EDQUOT' ? 'full' : `not writable (${code ?? 'unknown'})`
  }
}
