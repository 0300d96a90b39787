import { forbidden, rejected, unsupportedOperation, type KmsError } from '../../../domain/errors.ts'
import { invalidCiphertext } from '../../../domain/crypto-errors.ts'
import type { XksFailure } from './client.ts'

// What a caller of keyledger's API is told when the external key manager cannot do the call
// (docs/external-keys.md "Failure modes"). The XKS Proxy API's error names are mapped as AWS KMS maps them
// (its "KMS Considerations" table) onto this API's documented codes (API reference §5.14):
// - the proxy not reachable, too slow, throttling, failing inside, or answering what cannot be read: the
//   external key manager is unavailable → 503 `ServiceUnavailableTemporary` (429 `Rejected.Throttling` for
//   ThrottlingException), never a hang;
// - the external key disabled, gone, or refused to this caller: the key cannot be used in its present state
//   → 409 `Rejected.Disabled` / 403 `Forbidden.NoPermission`;
// - the ciphertext or its context does not authenticate → 400 `InvalidCiphertext`.
// The proxy's errorMessage is never passed on (it may say more than a caller should learn), as in AWS KMS.

/** The caller reads the fixed words; the log has `why` (it names the proxy's trouble: errno, TLS, XKS error name). */
export const unavailable = (why: string): KmsError => ({
  code: 'ServiceUnavailableTemporary', httpStatus: 503, message: `The external key manager is unavailable: ${why}`,
  callerMessage: 'The external key manager of this key is unavailable (its XKS proxy did not complete the call). Try again later.',
})

const throttled = (): KmsError =>
  ({ code: 'Rejected.Throttling', httpStatus: 429, message: 'The external key store proxy rejected the request due to a very high request rate.' })

export const failureText = (f: XksFailure): string => {
  switch (f.kind) {
    case 'unreachable': return `the external key store proxy cannot be reached (${f.detail})`
    case 'tls': return `no TLS connection to the external key store proxy (${f.detail}); check its certificate and the configured CA`
    case 'timeout': return `the external key store proxy did not answer within ${f.afterMs} ms`
    case 'malformed': return `the answer of the external key store proxy cannot be interpreted (${f.detail})`
    case 'answered': return `the external key store proxy answered HTTP ${f.status} ${f.errorName ?? '(no XKS error name)'}`
  }
}

/** The API's error for a failed XKS call made for a crypto operation (Encrypt, Decrypt, data keys). */
export const kmsErrorOf = (f: XksFailure, externalKeyId: string): KmsError => {
  if (f.kind !== 'answered') return unavailable(failureText(f))
  switch (f.errorName) {
    case 'InvalidCiphertextException':
      return invalidCiphertext('The external key store proxy rejected the ciphertext or encryption context as corrupted or invalid.')
    case 'InvalidStateException':
      return rejected('Rejected.Disabled', `The external key ${externalKeyId} is not enabled in the external key manager. Enable it there and retry.`)
    case 'KeyNotFoundException':
      return rejected('Rejected.Disabled', `The external key ${externalKeyId} was not found in its external key manager (deleted or revoked there).`)
    case 'AccessDeniedException':
      return forbidden('Forbidden.NoPermission', 'The external key store proxy denied access to the operation.')
    case 'InvalidKeyUsageException':
      return unsupportedOperation(`The external key ${externalKeyId} does not support the requested operation in its external key manager.`)
    case 'ThrottlingException':
      return throttled()
    default:
      // ValidationException, AuthenticationFailedException, InvalidUriPathException, UnsupportedOperationException,
      // DependencyTimeoutException, InternalException, or none: the proxy or its configuration is at fault.
      return unavailable(failureText(f))
  }
}
