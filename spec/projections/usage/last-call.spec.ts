import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { shownLastCall, usageStatus } from '../../../projections/usage/last-call.ts'

const now = new Date('2027-01-01T00:00:00.000Z')

test('S-10.3 a call exactly 365 days ago is still shown; one a moment older is not', () => {
  assert.is(shownLastCall('2026-01-01T00:00:00.000Z', now), '2026-01-01T00:00:00.000Z')
  assert.is(shownLastCall('2025-12-31T23:59:59.999Z', now), null)
})

test('a call after the instant asked about is not shown', () => {
  assert.is(shownLastCall('2027-01-02T00:00:00.000Z', now), null)
})

test('status: in use, no call within 365 days, unused, no record since tracking began', () => {
  assert.is(usageStatus({ createdAt: '2026-01-01T00:00:00Z', lastCallAt: '2026-06-01T00:00:00Z', trackingSince: null }, now), 'InUse')
  assert.is(usageStatus({ createdAt: '2020-01-01T00:00:00Z', lastCallAt: '2021-06-01T00:00:00Z', trackingSince: null }, now), 'NoCallWithin365Days')
  assert.is(usageStatus({ createdAt: '2026-01-01T00:00:00Z', lastCallAt: null, trackingSince: '2025-01-01T00:00:00Z' }, now), 'Unused')
  assert.is(usageStatus({ createdAt: '2024-01-01T00:00:00Z', lastCallAt: null, trackingSince: '2025-01-01T00:00:00Z' }, now), 'NoRecordSinceTrackingBegan')
  assert.is(usageStatus({ createdAt: null, lastCallAt: null, trackingSince: null }, now), 'NoRecordSinceTrackingBegan')
})

test.run()
