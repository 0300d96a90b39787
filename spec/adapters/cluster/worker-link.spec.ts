import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { WorkerLink } from '../../../adapters/cluster/worker-link.ts'
import { TurnOutbox } from '../../../adapters/cluster/turn-outbox.ts'
import type { ToPrimary, ToPrimaryWire, ToWorker } from '../../../adapters/cluster/protocol.ts'
import type { NonceVerdict } from '../../../adapters/http/auth/nonce-cache.ts'
import { newEvent } from '../../support/store-events.ts'

// Issue 11 item 3 (docs/architecture.md §9): under `serve --workers N` a worker and the primary talk over
// node:cluster's channel, whose cost is mostly per message (a JSON.stringify, a pipe write, a read, a parse and an
// event on each side). What must hold: everything one side has for the other in one turn of the event loop leaves
// as one message at the end of that turn, in the order it was queued, and nothing waits for a later turn; the
// receiving side applies such a turn as it would the messages one by one. The channel is a function here.

const endOfTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** The kinds in a message as it crossed the channel (a turn's, in order). */
const kinds = (m: ToPrimaryWire): string[] => (m.kl === 'turn' ? m.msgs.map((x) => x.kl) : [m.kl])

test('given a nonce ask, an append and a lease in one turn, the primary gets one message with all three, at the end of that turn', async () => {
  // given a worker link whose channel records what it sends
  const sent: ToPrimaryWire[] = []
  const link = new WorkerLink((m) => sent.push(m))
  const writer = await link.writer(() => {})
  // when one turn asks about two nonces, appends an event and asks for throttle tokens
  void link.remember('ak', 'n-1', 1, 2)
  void link.remember('ak', 'n-2', 1, 2)
  void writer.enqueue({ streamId: 'keyusage-1', expected: 'any', events: [newEvent('ActionInvoked')] })
  void link.lease('acct', 'cryptographic')
  assert.is(sent.length, 0, 'nothing leaves before the end of the turn')
  await endOfTurn()
  // then one message left, carrying the lease, the two asks as one list and the append
  assert.is(sent.length, 1)
  assert.equal(kinds(sent[0]!).sort(), ['append', 'lease', 'nonces'])
  const msgs = (sent[0]!.kl === 'turn' ? sent[0]!.msgs : [sent[0]!]) as ToPrimary[]
  const asks = msgs.find((m) => m.kl === 'nonces')
  assert.equal(asks?.kl === 'nonces' && asks.asks.map((a) => a.nonce), ['n-1', 'n-2'])
  // and a turn with nothing queued sends nothing
  await endOfTurn()
  assert.is(sent.length, 1)
})

test('given the primary\'s turn with verdicts and a lock grant, the worker settles each as if they had come one by one', async () => {
  // given two asks and a pool lock request in flight
  const sent: ToPrimaryWire[] = []
  const link = new WorkerLink((m) => sent.push(m))
  const v1 = link.remember('ak', 'n-1', 1, 2)
  const v2 = link.remember('ak', 'n-2', 1, 2)
  let ran = false
  const locked = link.withPoolLock('pool-1', () => {
    ran = true
    return Promise.resolve('done')
  })
  await endOfTurn()
  const msgs = (sent[0]!.kl === 'turn' ? sent[0]!.msgs : [sent[0]!]) as ToPrimary[]
  const ask = msgs.find((m) => m.kl === 'nonces')
  const lock = msgs.find((m) => m.kl === 'lock')
  assert.ok(ask?.kl === 'nonces' && lock?.kl === 'lock')
  // when the primary answers them in one message
  const verdicts: Array<{ id: number; verdict: NonceVerdict }> = [
    { id: ask.asks[0]!.id, verdict: 'fresh' },
    { id: ask.asks[1]!.id, verdict: 'used' },
  ]
  const turn: { kl: 'turn'; msgs: ToWorker[] } = { kl: 'turn', msgs: [{ kl: 'nonces', verdicts }, { kl: 'locked', id: lock.id }] }
  assert.ok(link.receive(turn))
  // then every one of them is settled
  assert.is(await v1, 'fresh')
  assert.is(await v2, 'used')
  assert.is(await locked, 'done')
  assert.ok(ran)
  // and the unlock leaves at the end of that turn
  await endOfTurn()
  assert.equal(kinds(sent.at(-1)!), ['unlock'])
})

test('the outbox runs its beforeSend hook first: what the hook queues leaves in the same message, after what was queued before', async () => {
  // given an outbox whose hook queues one more message (as the primary's journal write, the worker's appends)
  const sent: unknown[] = []
  const order: string[] = []
  const outbox: TurnOutbox<string> = new TurnOutbox<string>((m) => {
    order.push('send')
    sent.push(m)
  }, () => {
    order.push('hook')
    if (order.length === 1) outbox.push('from-hook')
  })
  // when two messages are queued in one turn
  outbox.push('a')
  outbox.push('b')
  await endOfTurn()
  // then the hook ran before the one send, and its message travelled with the others
  assert.equal(order, ['hook', 'send'])
  assert.equal(sent, [{ kl: 'turn', msgs: ['a', 'b', 'from-hook'] }])
  // and one message alone travels as itself
  outbox.push('c')
  await endOfTurn()
  assert.equal(sent.at(-1), 'c')
})

test.run()
