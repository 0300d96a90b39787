import * as E from 'fp-ts/lib/Either.js';
import type { KmsError } from '../../../domain/errors.ts';
import { type Params } from './params.ts';
/** A request as the API layer sees it: raw parts kept for signature checks, parameters decoded once. */
export interface ApiRequest {
    readonly method: string;
    readonly path: string;
    /** Decoded query parameters in wire order (ACS3 signs the query apart from the body). */
    readonly query: readonly [string, string][];
    /** Query ∪ form body. */
    readonly params: Params;
    /** Lowercase names; a header repeated is joined by Node with ", ". */
    readonly headers: Readonly<Record<string, string | undefined>>;
    readonly body: Buffer;
}
export declare const toApiRequest: (method: string, rawUrl: string, headers: Readonly<Record<string, string | undefined>>, body: Buffer) => E.Either<KmsError, ApiRequest>;
