import { refinedString } from "./decode.js";
// S-3.1 letters, digits, `_`, `-`, `/`; the API adds the `alias/` prefix, 1–255 characters after it, and
// reserves `alias/acs` for the cloud's own service keys (API reference §5.5).
const ALIAS = /^alias\/[A-Za-z0-9_/-]{1,255}$/;
export const AliasName = refinedString('AliasName', (s) => ALIAS.test(s) && !s.startsWith('alias/acs'), 'S-3.1: an alias is alias/ followed by 1 to 255 letters, digits, _, - or /, and must not begin with alias/acs');
