import * as E from 'fp-ts/lib/Either.js';
import { parseFailure } from "./codes.js";
import { mergeParams, parsePairs } from "./params.js";
const FORM = /^application\/x-www-form-urlencoded\s*(;.*)?$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });
export const toApiRequest = (method, rawUrl, headers, body) => {
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = parsePairs(q < 0 ? '' : rawUrl.slice(q + 1), 'query');
    if (E.isLeft(query))
        return query;
    let bodyPairs = [];
    if (body.length > 0) {
        // Only a form body carries parameters (pop-core's POST); anything else is not a request this API reads.
        if (!FORM.test(headers['content-type'] ?? ''))
            return E.left(parseFailure('A request body must be application/x-www-form-urlencoded.'));
        let text;
        try {
            text = utf8.decode(body);
        }
        catch {
            return E.left(parseFailure('The request body is not valid UTF-8.'));
        }
        const parsed = parsePairs(text, 'body');
        if (E.isLeft(parsed))
            return parsed;
        bodyPairs = parsed.right;
    }
    const params = mergeParams(query.right, bodyPairs);
    if (E.isLeft(params))
        return params;
    return E.right({ method: method.toUpperCase(), path, query: query.right, params: params.right, headers, body });
};
