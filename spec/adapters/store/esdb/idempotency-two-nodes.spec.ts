// Issue 17, item 2 on EventStoreDB (docs/http-api.md "Idempotent writes"): two keyledger nodes on one EventStoreDB
// (the in-process double). Retries of one CreateKey sent to both nodes at once race to one claim (an append with
// an expected revision on the token's stream) and one key; a retry on the other node returns the first answer.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { KEY_A } from '../../../support/api-server.ts'
import { startEsdbDouble } from '../../../support/esdb-double/index.ts'
import { newRootKey, startEsdbNode } from '../../../support/esdb-nodes.ts'
import { call } from '../../../support/signed-request.ts'

test('issue 17 item 2: ten retries of one CreateKey, five on each of two nodes, make one key; both nodes answer it', async () => {
  const double = await startEsdbDouble()
  const rootKey = newRootKey()
  const a = await startEsdbNode(double.connectionString, rootKey)
  const b = await startEsdbNode(double.connectionString, rootKey)
  try {
    const urls = [a, b].map((n) => `http://127.0.0.1:${n.app.api.port}`)
    const keyStreams = () => new Set(double.log.records.filter((r) => r.streamId.startsWith('key-')).map((r) => r.streamId)).size
    const before = keyStreams()
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      call(urls[i % 2]!, KEY_A, { Action: 'CreateKey', ClientToken: 'two-nodes-1', Description: 'once' })))
    assert.equal(replies.map((r) => r.status), Array(10).fill(200))
    const keyIds = new Set(replies.map((r) => (r.body['KeyMetadata'] as { KeyId: string }).KeyId))
    assert.is(keyIds.size, 1)
    assert.is(new Set(replies.map((r) => r.body['RequestId'])).size, 1)
    assert.is(keyStreams(), before + 1, 'one key stream in the store')
    const mismatch = await call(urls[1]!, KEY_A, { Action: 'CreateKey', ClientToken: 'two-nodes-1', Description: 'other' })
    assert.equal([mismatch.status, mismatch.body['Code']], [409, 'IdempotentParameterMismatch'])
  } finally {
    await a.close()
    await b.close()
    await double.stop()
  }
})

test.run()
