import { test } from 'uvu'
import { keyUsageView, USAGE_KEYS, USAGE_SERVICES } from '../../../projections/views/key-usage.ts'
import { keyUsageStreamId } from '../../../domain/key/index.ts'
import { KEY_ID, T0 } from '../../support/key-given.ts'
import { projectionSpec, type Fact } from '../../support/projection-spec.ts'

// Issue 13 item 3: an aggregated refusal record (another account's, docs/architecture.md §7 "Fair audit") stands
// for `count` calls in the usage view; a record without `count` (every record written before) for one.

const spec = projectionSpec(keyUsageView)
const call = (data: Record<string, unknown>): Fact => ({
  streamId: keyUsageStreamId(KEY_ID), at: T0, type: 'ActionInvoked',
  data: { keyId: KEY_ID, versionId: null, action: 'kms:Encrypt', outcome: 'allowed', errorCode: null, callerService: null, callerResource: null, requestId: 'r', at: T0, ...data },
})
const LATER = '2026-01-01T00:00:59.000Z'

test('issue 13 item 3: a record with count 2,500 adds 2,500 calls and denials, last call at its lastAt; one without adds one', () => {
  spec.given(
    call({}),
    call({ outcome: 'denied', errorCode: 'Forbidden.NoPermission', count: 2_500, lastAt: LATER }),
  ).then(USAGE_KEYS, [{ key_id: KEY_ID, created_at: null, first_call_at: T0, last_call_at: LATER, last_allowed_at: T0, calls: 2_501, denied: 2_500 }])
  spec.given(call({ outcome: 'denied', count: 7, lastAt: LATER })).then(USAGE_SERVICES, [{ key_id: KEY_ID, service: '', last_call_at: LATER, calls: 7 }])
})

test.run()
