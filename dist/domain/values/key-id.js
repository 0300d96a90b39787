import { refinedString } from "./decode.js";
// Instance keys look like `key-hzz62f1cb66fa42qo****`, default (classic) keys are UUIDs (API reference §5.1).
const INSTANCE_KEY_ID = /^key-[a-z0-9]{8,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const KeyId = refinedString('KeyId', (s) => INSTANCE_KEY_ID.test(s) || UUID.test(s), 'a key id is key-<8 to 64 lowercase letters or digits> or a UUID');
export const KeyVersionId = refinedString('KeyVersionId', (s) => UUID.test(s), 'a key version id is a UUID');
export const isUuid = (s) => UUID.test(s);
