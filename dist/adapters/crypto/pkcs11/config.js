import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { invalidParameter } from "../../../domain/errors.js";
/** Debian's softhsm2 package; any PKCS#11 module works, chosen per instance or with KMS_PKCS11_MODULE. */
export const DEFAULT_MODULE_PATH = '/usr/lib/softhsm/libsofthsm2.so';
export const modulePathFromEnv = (env = process.env) => env['KMS_PKCS11_MODULE'] || DEFAULT_MODULE_PATH;
const NonEmpty = t.refinement(t.string, (s) => s.length > 0, 'NonEmptyString');
/**
 * What the composition root passes for one hardware instance. The token is found by its label, never by slot
 * index: SoftHSM reassigns slot ids on every token init (platform notes §1.1).
 */
export const Pkcs11Config = t.intersection([
    t.type({ modulePath: NonEmpty, tokenLabel: NonEmpty, pin: NonEmpty }),
    t.partial({
        /** Upper bound of open sessions; each carries one in-flight operation (platform notes §1.4 pitfall 5). */
        maxSessions: t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1 && n <= 256, 'SessionBound'),
    }),
]);
/** Decodes config at the boundary; the PIN never appears in the error. */
export const decodePkcs11Config = (u) => pipe(Pkcs11Config.decode(u), E.mapLeft((errors) => {
    const field = errors[0]?.context.map((c) => c.key).filter((k) => k && !/^\d+$/.test(k)).pop() ?? 'pkcs11';
    return invalidParameter(field, 'The PKCS#11 instance configuration needs modulePath, tokenLabel and pin.');
}));
