import { type KmsError } from '../../../domain/errors.ts';
export declare const parseFailure: (why: string) => KmsError;
/** 413 is the honest status for a body over the limit; the SDKs turn any 4xx into an error carrying the code. */
export declare const bodyTooLarge: (limit: number) => KmsError;
export declare const unsupportedMethod: (method: string) => KmsError;
export declare const actionNotFound: (action: string) => KmsError;
export declare const pathNotFound: () => KmsError;
/** The request (or its headers) did not arrive within the server's timeout: 408, never a parse error. */
export declare const requestTimedOut: (seconds: number) => KmsError;
