import { open, seal } from "../sealed-box.js";
export const rowAad = (...parts) => Buffer.from(['keyledger-vault/v1', ...parts].join('\0'));
export const wrap = (rootKey, material, aad) => seal(rootKey, material, aad);
/** undefined when the root key is wrong, the row was tampered with, or it belongs elsewhere. */
export const unwrap = (rootKey, w, aad) => open(rootKey, w, aad);
