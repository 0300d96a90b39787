import { badRequest, forbidden, notFound } from "../../../domain/errors.js";
// Wire-level refusals that come before any action runs. Every code here is listed in docs/http-api.md; the
// codes from the API reference (§5.14) are used where one fits, the POP gateway's own codes otherwise.
export const parseFailure = (why) => badRequest('ParseRequestParameterException', why);
/** 413 is the honest status for a body over the limit; the SDKs turn any 4xx into an error carrying the code. */
export const bodyTooLarge = (limit) => ({ code: 'RequestEntityTooLarge', httpStatus: 413, message: `The request body is larger than ${limit} bytes.` });
export const unsupportedMethod = (method) => forbidden('UnsupportedHTTPMethod', `The HTTP method ${method} is not supported; use POST or GET.`);
export const actionNotFound = (action) => notFound('InvalidAction.NotFound', `Specified api is not found, please check your url and method: ${action}`);
export const pathNotFound = () => notFound('InvalidAction.NotFound', 'Specified api is not found, please check your url and method: the path is /.');
/** The request (or its headers) did not arrive within the server's timeout: 408, never a parse error. */
export const requestTimedOut = (seconds) => ({ code: 'RequestTimeout', httpStatus: 408, message: `The request did not arrive within ${seconds} s.` });
