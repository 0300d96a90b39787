// The percent-encoding both Alibaba signature schemes use (API reference §3.1 step 3): encodeURIComponent, then
// also `! ' ( ) *`, so that only A-Z a-z 0-9 - _ . ~ stay raw and a space is %20, never `+`.
// A text of unreserved characters only (most names and values) is its own encoding: returned as is (issue 11).
const UNRESERVED = /^[A-Za-z0-9\-_.~]*$/
const RESERVED_BY_POP = /[!'()*]/

export const popEncode = (s: string): string => {
  if (UNRESERVED.test(s)) return s
  const e = encodeURIComponent(s)
  return RESERVED_BY_POP.test(e) ? e.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) : e
}
