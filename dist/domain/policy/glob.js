// Policy documents match names with `*` (any run of characters, possibly empty) and nothing else: no `?`, no
// character classes. Everything else in a pattern is literal, so a regex metacharacter in a name cannot widen it.
const cache = new Map();
const compile = (pattern, ignoreCase) => {
    const cacheKey = `${ignoreCase ? 'i' : 's'}:${pattern}`;
    const hit = cache.get(cacheKey);
    if (hit)
        return hit;
    const body = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
    const re = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    if (cache.size < 10_000)
        cache.set(cacheKey, re);
    return re;
};
export const globMatches = (pattern, text, options = {}) => compile(pattern, options.ignoreCase ?? false).test(text);
