// One IPC message per turn of the event loop between a worker and the primary of `serve --workers` (issue 11
// item 3, docs/architecture.md §9). Why: node:cluster's channel costs about as much per message as per kilobyte
// (each `send` is a JSON.stringify, a write to the pipe and, on the other side, a read, a parse and an event), and a
// request used to cost four or more messages each way (its nonce ask and verdict, its append and the committed
// news, the lock and lease messages). Everything one side has for the other in one turn now leaves together, in the
// order it was queued, at the end of that turn (setImmediate: after the poll phase that produced it, so no answer
// waits for another poll of the event loop).

/** Several messages of one turn, in order (a single message travels as itself). */
export interface Turn<M> {
  readonly kl: 'turn'
  readonly msgs: readonly M[]
}

/** The messages of one turn as one value: `undefined` when none, the message itself when alone. */
export const asOneMessage = <M>(msgs: readonly M[]): M | Turn<M> | undefined =>
  msgs.length === 0 ? undefined : msgs.length === 1 ? msgs[0] : { kl: 'turn', msgs }

/** Queues messages for one peer and sends them as one at the end of the turn. */
export class TurnOutbox<M> {
  private queued: M[] = []
  private scheduled = false

  /**
   * @param send the channel (the primary's `worker.send`, a worker's `process.send`; a function in specs)
   * @param beforeSend runs at the end of the turn before anything leaves (the worker's remote writer hands over
   *   the appends it queued in this turn, so they travel in the same message)
   */
  constructor(private readonly send: (m: M | Turn<M>) => void, private readonly beforeSend: () => void = () => {}) {}

  push(m: M): void {
    this.queued.push(m)
    this.schedule()
  }

  /** Makes sure the end of this turn flushes (for what `beforeSend` will push then). */
  schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => this.flush())
  }

  /** Sends what is queued now (the end of the turn, or a close that cannot wait for it). */
  flush(): void {
    // Still marked scheduled while `beforeSend` pushes: what it adds leaves now, without another turn.
    this.beforeSend()
    this.scheduled = false
    const msgs = this.queued
    this.queued = []
    const one = asOneMessage(msgs)
    if (one !== undefined) this.send(one)
  }
}
