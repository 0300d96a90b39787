import * as t from 'io-ts'

// One wire parameter of the catalogue of operations (domain/operations/catalogue.ts): an io-ts codec over the
// request's string that ALSO says what the string holds (its shape). The codec decides presence only (a required
// parameter present and not empty, else the API's MissingParameter); the handler turns the string into the domain's
// value and names a bad one (InvalidParameter). The shape is read by what describes the API from the same
// declaration: the wire fuzzer (scripts/fuzz: valid values and the attacks aimed at each shape, and its oracle
// "certainly invalid") and the generated docs. Issue 20, item 5: every action's parameters are described once.

/** What a parameter's string holds. */
export type WireShape =
  | { readonly kind: 'keyId' } //                         a key id or key ARN (or an alias where the lookup allows)
  | { readonly kind: 'versionId' }
  | { readonly kind: 'alias' } //                         alias/…
  | { readonly kind: 'boolean' } //                       true / false (any case)
  | { readonly kind: 'enum'; readonly values: readonly string[] } // exactly one of the values
  | { readonly kind: 'int'; readonly min: number; readonly max: number } // a whole number in [min, max]
  | { readonly kind: 'base64'; readonly holds: 'bytes' | 'ciphertext' | 'spki' | 'digest' } // canonical Base64
  | { readonly kind: 'json'; readonly holds: 'context' | 'tags' | 'tagKeys' | 'policy' | 'filters' | 'ids' }
  | { readonly kind: 'instant' } //                       ISO 8601 with a zone
  | { readonly kind: 'text' } //                          free text (descriptions, names, interval strings…)

export type Presence = 'required' | 'present' | 'optional'

/** A wire parameter's codec: a string (not empty when required), with its shape. */
export class WireParam extends t.Type<string> {
  readonly _tag = 'WireParam' as const
  constructor(
    readonly shape: WireShape,
    readonly presence: Presence,
  ) {
    super(
      `${shape.kind}${presence === 'required' ? '' : `(${presence})`}`,
      (u): u is string => typeof u === 'string' && (presence !== 'required' || u !== ''),
      (u, c) => (typeof u === 'string' && (presence !== 'required' || u !== '') ? t.success(u) : t.failure(u, c)),
      t.identity,
    )
  }
}

/** Present and not empty. */
export const need = (shape: WireShape): WireParam => new WireParam(shape, 'required')
/** Present, may be empty (UpdateKeyDescription's Description clears it). */
export const present = (shape: WireShape): WireParam => new WireParam(shape, 'present')
/** May be absent. */
export const may = (shape: WireShape): WireParam => new WireParam(shape, 'optional')

export const keyId: WireShape = { kind: 'keyId' }
export const versionId: WireShape = { kind: 'versionId' }
export const aliasName: WireShape = { kind: 'alias' }
export const bool: WireShape = { kind: 'boolean' }
export const text: WireShape = { kind: 'text' }
export const instant: WireShape = { kind: 'instant' }
export const oneOf = (values: readonly string[]): WireShape => ({ kind: 'enum', values })
/** The values of an io-ts `keyof` codec (the domain's own enumeration). */
export const oneOfKeys = (codec: { readonly keys: Readonly<Record<string, unknown>> }): WireShape => oneOf(Object.keys(codec.keys))
export const int = (min: number, max: number): WireShape => ({ kind: 'int', min, max })
export const base64 = (holds: 'bytes' | 'ciphertext' | 'spki' | 'digest'): WireShape => ({ kind: 'base64', holds })
export const json = (holds: 'context' | 'tags' | 'tagKeys' | 'policy' | 'filters' | 'ids'): WireShape => ({ kind: 'json', holds })
