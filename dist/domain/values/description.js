import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter } from "../errors.js";
export const MAX_DESCRIPTION_LENGTH = 8_192; // API reference §5.7
export const parseDescription = (text, name = 'Description') => 
// eslint-disable-next-line @typescript-eslint/no-misused-spread -- counts code points on purpose (API reference §5.7 counts characters, not UTF-16 units)
[...text].length <= MAX_DESCRIPTION_LENGTH
    ? E.right(text)
    : E.left(invalidParameter(name, `at most ${MAX_DESCRIPTION_LENGTH} characters`));
