// The percent-encoding both Alibaba signature schemes use (API reference §3.1 step 3): encodeURIComponent, then
// also `! ' ( ) *`, so that only A-Z a-z 0-9 - _ . ~ stay raw and a space is %20, never `+`.
export const popEncode = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
