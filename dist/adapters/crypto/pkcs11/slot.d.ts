import * as E from 'fp-ts/lib/Either.js';
import pkcs11js from 'pkcs11js';
import { type KmsError } from '../../../domain/errors.ts';
/**
 * The slot whose token carries `label`. Never a slot index: SoftHSM reassigns slot ids on every token init
 * (platform notes §1.1). Token labels are blank-padded to 32 bytes by Cryptoki.
 */
export declare const findSlotByLabel: (p11: pkcs11js.PKCS11, label: string) => E.Either<KmsError, pkcs11js.Handle>;
