import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { kmsErrorOf } from '../../../../adapters/crypto/xks/errors.ts'
import type { XksFailure } from '../../../../adapters/crypto/xks/client.ts'

// docs/external-keys.md §5: each way an XKS proxy call fails, and the API code the caller gets. The table is the
// page's; the end-to-end cases (down, slow, wrong secret, disabled, revoked, bad ciphertext) run against the
// double in spec/adapters/http/external-keys.spec.ts.

const answered = (status: number, errorName?: string): XksFailure => ({ kind: 'answered', status, errorName })

test('proxy-side failures are 503 ServiceUnavailableTemporary: not reached, TLS, timeout, malformed, and every proxy fault name', () => {
  const cases: XksFailure[] = [
    { kind: 'unreachable', detail: 'ECONNREFUSED' }, { kind: 'tls', detail: 'SELF_SIGNED_CERT_IN_CHAIN' }, { kind: 'timeout', afterMs: 5 },
    { kind: 'malformed', detail: 'not JSON' }, answered(401, 'AuthenticationFailedException'), answered(404, 'InvalidUriPathException'),
    answered(400, 'ValidationException'), answered(501, 'UnsupportedOperationException'), answered(503, 'DependencyTimeoutException'),
    answered(500, 'InternalException'), answered(502), answered(400, 'SomethingNew'),
  ]
  for (const f of cases) {
    const e = kmsErrorOf(f, 'ekm-1')
    assert.equal([e.code, e.httpStatus], ['ServiceUnavailableTemporary', 503], JSON.stringify(f))
    assert.match(e.message, /external key manager is unavailable/)
  }
})

test('key-side answers keep their meaning: disabled or gone → 409 Rejected.Disabled, denied → 403, usage → 400, throttled → 429, bad ciphertext → 400', () => {
  const code = (f: XksFailure) => { const e = kmsErrorOf(f, 'ekm-1'); return `${e.httpStatus} ${e.code}` }
  assert.is(code(answered(400, 'InvalidStateException')), '409 Rejected.Disabled')
  assert.is(code(answered(404, 'KeyNotFoundException')), '409 Rejected.Disabled')
  assert.is(code(answered(403, 'AccessDeniedException')), '403 Forbidden.NoPermission')
  assert.is(code(answered(400, 'InvalidKeyUsageException')), '400 Rejected.UnsupportedOperation')
  assert.is(code(answered(429, 'ThrottlingException')), '429 Rejected.Throttling')
  assert.is(code(answered(400, 'InvalidCiphertextException')), '400 InvalidCiphertext')
})

test.run()
