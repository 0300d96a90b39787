import { createPublicKey } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import { EC_SPKI_PREFIX, ecPointFromAttribute } from "./der.js";
const attribute = (p11, s, object, type) => {
    const [found] = p11.C_GetAttributeValue(s, object, [{ type }]);
    if (!found || !Buffer.isBuffer(found.value))
        throw new Error(`public key attribute ${type} is missing`);
    return found.value;
};
const unsigned = (b) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0)
        i++;
    return b.subarray(i);
};
/** RSA: CKA_MODULUS and CKA_PUBLIC_EXPONENT as a JWK; EC: CKA_EC_POINT inside the curve's SPKI header. */
export const readPublicKey = (p11, s, object, spec) => {
    if (spec.startsWith('RSA_')) {
        const n = unsigned(attribute(p11, s, object, pkcs11js.CKA_MODULUS)).toString('base64url');
        const e = unsigned(attribute(p11, s, object, pkcs11js.CKA_PUBLIC_EXPONENT)).toString('base64url');
        return createPublicKey({ key: { kty: 'RSA', n, e }, format: 'jwk' });
    }
    const point = ecPointFromAttribute(attribute(p11, s, object, pkcs11js.CKA_EC_POINT));
    if (!point)
        throw new Error('CKA_EC_POINT is not an uncompressed point');
    return createPublicKey({ key: Buffer.concat([EC_SPKI_PREFIX[spec], point]), format: 'der', type: 'spki' });
};
export const spkiPem = (key) => key.export({ type: 'spki', format: 'pem' }).toString();
