import * as E from 'fp-ts/lib/Either.js';
import { internalFailure } from "../../../domain/errors.js";
/**
 * The slot whose token carries `label`. Never a slot index: SoftHSM reassigns slot ids on every token init
 * (platform notes §1.1). Token labels are blank-padded to 32 bytes by Cryptoki.
 */
export const findSlotByLabel = (p11, label) => {
    const matches = p11.C_GetSlotList(true).filter((slot) => p11.C_GetTokenInfo(slot).label.trimEnd() === label);
    const [slot] = matches;
    if (!slot)
        return E.left(internalFailure(`No PKCS#11 token labelled "${label}" is present.`));
    if (matches.length > 1)
        return E.left(internalFailure(`${matches.length} PKCS#11 tokens are labelled "${label}"; labels must be unique.`));
    return E.right(slot);
};
