import * as E from 'fp-ts/lib/Either.js';
import { defaultKeyPolicy, parseKeyPolicy } from "../values/key-policy.js";
/**
 * The policy a key's state holds as text: empty means the key never got a custom one, so the default policy of
 * S-5.1 applies (only the owning account). A stored text that no longer parses is an error, never "allow all".
 */
export const effectiveKeyPolicy = (text, ownerAccountId) => text.trim() === '' ? E.right(defaultKeyPolicy(ownerAccountId)) : parseKeyPolicy(text);
