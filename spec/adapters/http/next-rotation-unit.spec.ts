import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { KEY_A, startTestServer } from '../../support/api-server.ts'
import { popClient } from '../../support/sdk-clients.ts'

// Issue 19 #7: NextRotationDate says when the scheduler will really rotate. With KMS_ROTATION_UNIT=minute (tests
// and demos) a 7-day interval rotates 7 minutes after the last rotation; RotationInterval keeps the key's setting.

const describeAfterCreate = async (rotationUnit?: 'minute') => {
  const app = await startTestServer({ config: { scheduler: { enabled: false, ...(rotationUnit ? { rotationUnit } : {}) } } })
  try {
    const pop = popClient(app.api.port, KEY_A)
    const created = (await pop.request('CreateKey', { EnableAutomaticRotation: true, RotationInterval: '604800s' }, { method: 'POST' })).KeyMetadata
    const m = (await pop.request('DescribeKey', { KeyId: created.KeyId }, { method: 'POST' })).KeyMetadata
    return { last: Date.parse(m.LastRotationDate), next: Date.parse(m.NextRotationDate), interval: m.RotationInterval as string, createdNext: Date.parse(created.NextRotationDate) }
  } finally {
    await app.close()
  }
}

test('with the minute unit, NextRotationDate is 7 minutes after the last rotation for a 7-day policy', async () => {
  const m = await describeAfterCreate('minute')
  assert.is(m.next - m.last, 7 * 60_000)
  assert.is(m.createdNext - m.last, 7 * 60_000)
  assert.is(m.interval, '604800s')
})

test('with real days it is 7 days after', async () => {
  const m = await describeAfterCreate()
  assert.is(m.next - m.last, 7 * 86_400_000)
})

test.run()
