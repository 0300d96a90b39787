import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter } from "../../../domain/errors.js";
import { KeySpec, KeyUsage, ProtectionLevel } from "../../../domain/values/key-spec.js";
// ListKeys `Filters` (API reference §1.3, 3.x): `[{"Key":"KeyState","Values":["Enabled"]}, …]`, at most 10
// filters of at most 10 values; values OR within a filter, filters AND. Every filter the catalogue can answer is
// offered; an unknown Key or a value that no key can have is refused with InvalidParameter naming it, rather
// than silently listing nothing.
const STATES = ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport']; // deleted keys are never listed
const FILTERS = {
    KeyState: { valid: (v) => STATES.includes(v), into: (f, v) => { f.states = v; } },
    KeySpec: { valid: (v) => KeySpec.is(v), into: (f, v) => { f.specs = v; } },
    KeyUsage: { valid: (v) => KeyUsage.is(v), into: (f, v) => { f.usages = v; } },
    ProtectionLevel: { valid: (v) => ProtectionLevel.is(v), into: (f, v) => { f.protectionLevels = v; } },
    // Every key here is made by a user through the API: service-managed keys do not exist (S-1.1).
    CreatorType: { valid: (v) => v === 'User' || v === 'Service', into: (f, v) => { f.creatorTypes = v; } },
    DKMSInstanceId: { valid: (v) => v.length > 0 && v.length <= 128, into: (f, v) => { f.instanceIds = v; } },
};
export const FILTER_NAMES = Object.keys(FILTERS);
export const keyFilters = (p) => {
    const text = p.get('Filters');
    if (text === undefined || text.trim() === '')
        return E.right({ filters: {}, anyMatch: true });
    const bad = (why) => E.left(invalidParameter('Filters', `${why} Use [{"Key":"<${FILTER_NAMES.join('|')}>","Values":["…"]}].`));
    let u;
    try {
        u = JSON.parse(text);
    }
    catch {
        return bad('Filters is not JSON.');
    }
    if (!Array.isArray(u) || u.length > 10)
        return bad('Filters is a list of at most 10 filters.');
    const out = {};
    const seen = new Set();
    for (const f of u) {
        const key = f?.Key;
        const values = f?.Values;
        const def = typeof key === 'string' && Object.hasOwn(FILTERS, key) ? FILTERS[key] : undefined;
        if (!def)
            return bad(`Unknown filter Key ${JSON.stringify(key)}.`);
        if (seen.has(key))
            return bad(`Filter ${key} is given twice.`);
        seen.add(key);
        if (!Array.isArray(values) || values.length === 0 || values.length > 10 || !values.every((x) => typeof x === 'string'))
            return bad(`Filter ${key} needs 1 to 10 string Values.`);
        const wrong = (values).find((v) => !def.valid(v));
        if (wrong !== undefined)
            return bad(`${JSON.stringify(wrong)} is not a valid ${key}.`);
        def.into(out, values);
    }
    const { creatorTypes, ...filters } = out;
    return E.right({ filters, anyMatch: creatorTypes === undefined || creatorTypes.includes('User') });
};
