import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../../../domain/errors.ts';
/** Debian's softhsm2 package; any PKCS#11 module works, chosen per instance or with KMS_PKCS11_MODULE. */
export declare const DEFAULT_MODULE_PATH = "/usr/lib/softhsm/libsofthsm2.so";
export declare const modulePathFromEnv: (env?: NodeJS.ProcessEnv) => string;
/**
 * What the composition root passes for one hardware instance. The token is found by its label, never by slot
 * index: SoftHSM reassigns slot ids on every token init (platform notes §1.1).
 */
export declare const Pkcs11Config: t.IntersectionC<[t.TypeC<{
    modulePath: t.RefinementC<t.StringC, string>;
    tokenLabel: t.RefinementC<t.StringC, string>;
    pin: t.RefinementC<t.StringC, string>;
}>, t.PartialC<{
    /** Upper bound of open sessions; each carries one in-flight operation (platform notes §1.4 pitfall 5). */
    maxSessions: t.RefinementC<t.NumberC, number>;
}>]>;
export type Pkcs11Config = t.TypeOf<typeof Pkcs11Config>;
/** Decodes config at the boundary; the PIN never appears in the error. */
export declare const decodePkcs11Config: (u: unknown) => E.Either<KmsError, Pkcs11Config>;
