import { randomBytes } from 'node:crypto'

// The random IVs of the software AEADs (symmetric.ts), drawn from the CSPRNG in batches (issue 11): one
// randomBytes call costs far more than the 12 bytes it gives (a crypto job object and a native call per IV; the
// profile of Encrypt showed it beside the AES-GCM itself), as node:crypto's own randomUUID batches its randomness.
// Each IV is a slice used once: the batch is never refilled in place (a new one is drawn when it runs out), and
// an IV is never written after it is handed out. IVs need to be unique and unpredictable before use, not secret;
// key material is never drawn from here.

const BATCH_IVS = 256

export class IvPool {
  private batch = Buffer.alloc(0)
  private offset = 0

  constructor(private readonly bytes: number) {}

  /** A fresh random IV of `bytes` bytes (a view into a batch nobody else is handed). */
  next(): Buffer {
    if (this.offset + this.bytes > this.batch.length) {
      this.batch = randomBytes(this.bytes * BATCH_IVS)
      this.offset = 0
    }
    const iv = this.batch.subarray(this.offset, this.offset + this.bytes)
    this.offset += this.bytes
    return iv
  }
}
